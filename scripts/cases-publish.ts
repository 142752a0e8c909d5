/**
 * `npm run cases:publish`: writes every newly selected case (selected by the national regulator on the
 * platform) as an MDX file in content/cases/, ready for review in version control and a rebuild.
 *
 *   QA_ADMIN_EMAIL=… QA_ADMIN_PASSWORD=… npm run cases:publish [-- --url http://127.0.0.1:8090] [--out content/cases] [--photos public/case-photos]
 *
 * A case is new when no file under --out carries its `submission:` id. Every file is validated against the
 * case schema before anything is written; problems are printed as `file field: message` and exit code 1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CaseSchema } from '../src/schemas/content.ts';
import { caseFrontmatter, caseMdx, type SelectedCase } from '../src/lib/cases/publish.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.QA_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8090}` },
    out: { type: 'string', default: join(root, 'content/cases') },
    photos: { type: 'string', default: join(root, 'public/case-photos') },
  },
});

function fail(message: string): never {
  console.error(`cases:publish: ${message}`);
  process.exit(1);
}

async function token(url: string): Promise<string> {
  if (process.env.QA_TOKEN) return process.env.QA_TOKEN;
  const identity = process.env.QA_ADMIN_EMAIL;
  const password = process.env.QA_ADMIN_PASSWORD;
  if (!identity || !password)
    fail('set QA_ADMIN_EMAIL and QA_ADMIN_PASSWORD (a PocketBase superuser), or QA_TOKEN (a national regulator or superuser token)');
  let res: Response;
  try {
    res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identity, password }),
    });
  } catch (err) {
    fail(`cannot reach ${url} (${(err as Error).message}); is the platform running? Use --url to point at it.`);
  }
  if (!res.ok) fail(`superuser login at ${url} failed (${res.status}): check QA_ADMIN_EMAIL and QA_ADMIN_PASSWORD`);
  return ((await res.json()) as { token: string }).token;
}

const url = values.url!.replace(/\/$/, '');
const outDir = resolve(values.out!);
const photoDir = resolve(values.photos!);
const auth = await token(url);
const res = await fetch(`${url}/api/qa/cases/selected`, { headers: { authorization: auth } });
if (!res.ok) fail(`GET ${url}/api/qa/cases/selected answered ${res.status}: ${await res.text()}`);
const { cases } = (await res.json()) as { cases: SelectedCase[] };

mkdirSync(outDir, { recursive: true });
const published = new Set<string>();
for (const name of readdirSync(outDir).filter((f) => f.endsWith('.mdx'))) {
  const m = /^submission:\s*"?([a-z0-9]{15})"?\s*$/m.exec(readFileSync(join(outDir, name), 'utf8'));
  if (m) published.add(m[1]);
}

const fresh = cases.filter((c) => !published.has(c.id));
const problems: string[] = [];
const files: { path: string; text: string; photos: { path: string; data: string }[] }[] = [];
for (const c of fresh) {
  const path = join(outDir, `${c.slug}.mdx`);
  const rel = relative(root, path);
  if (!c.slug) {
    problems.push(`${rel} slug: case ${c.id} has no slug`);
    continue;
  }
  if (existsSync(path)) {
    problems.push(`${rel}: a different file with this name exists already; rename it or remove it`);
    continue;
  }
  const parsed = CaseSchema.safeParse(caseFrontmatter(c));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${rel} ${issue.path.join('.')}: ${issue.message} (case ${c.id})`);
    continue;
  }
  const photos = c.content.photos.map((p, i) => ({
    path: join(photoDir, c.slug, `${i + 1}.${p.mime === 'image/png' ? 'png' : 'jpg'}`),
    data: p.data,
  }));
  const publicRoot = resolve(photoDir, '..');
  files.push({
    path,
    text: caseMdx(
      c,
      photos.map((p) => `/${relative(publicRoot, p.path).split('\\').join('/')}`),
    ),
    photos,
  });
}
if (problems.length) {
  for (const p of problems) console.error(p);
  fail(`${problems.length} problem(s); nothing was written`);
}
for (const f of files) {
  for (const p of f.photos) {
    mkdirSync(resolve(p.path, '..'), { recursive: true });
    writeFileSync(p.path, Buffer.from(p.data, 'base64'));
  }
  writeFileSync(f.path, f.text);
  console.log(`wrote ${relative(process.cwd(), f.path)}${f.photos.length ? ` and ${f.photos.length} photo(s)` : ''}`);
}
console.log(
  `cases:publish: ${cases.length} selected, ${files.length} new, ${cases.length - fresh.length} already published. Run \`npm run check\`, review and commit.`,
);
