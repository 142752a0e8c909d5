/**
 * Vite plugin for the browser build: every client module that imports src/i18n/index.ts gets instead a small
 * module with only the strings its own source names, so no page downloads the whole 60 KB dictionary
 * (docs/performance.md). Server rendering keeps the full module.
 *
 * Which keys a module names is read from its source text: every dotted token that is a key, and every dotted
 * token followed by `${` or ending in "." as a prefix (`t(\`search.kind.${kind}\`)` keeps all search.kind.*).
 * A key reaching `t` from another module (a key passed as a prop or imported from a table elsewhere) would be
 * missed; `keysNamedIn` is therefore generous, and tests/unit/i18n-split.test.ts checks that every `t(...)` in
 * the client code takes a literal, a template with a literal prefix, or a table defined in the same file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INDEX = `${ROOT}src/i18n/index.ts`;
const TRANSLATE = `${ROOT}src/i18n/translate.ts`;
const VIRTUAL = '\0qa-i18n:';

const TOKEN = /[A-Za-z][\w-]*(?:\.[\w-]+)+\.?/g;
const ONE_WORD_PREFIX = /(?<![\w.-])([A-Za-z][\w-]*)\.\$\{/g;

/** The keys of `all` that `source` names, exactly or by a prefix. */
export function keysNamedIn(source: string, all: readonly string[]): string[] {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const m of source.matchAll(TOKEN)) {
    const token = m[0];
    if (token.endsWith('.') || source.startsWith('${', m.index + token.length)) prefixes.add(token);
    else exact.add(token);
  }
  // a one-word prefix before a template hole: t(`verify.${status}`) keeps every verify.* key
  for (const m of source.matchAll(ONE_WORD_PREFIX)) prefixes.add(`${m[1]}.`);
  return all.filter((key) => {
    if (exact.has(key)) return true;
    for (const p of prefixes) if (key.startsWith(p)) return true;
    return false;
  });
}

function readJson(path: string): Record<string, string> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

export function i18nSplit(): Plugin {
  return {
    name: 'qa-i18n-split',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || importer.startsWith(VIRTUAL) || this.environment?.config.consumer !== 'client') return null;
      if (!/i18n\/index(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id !== INDEX) return null;
      return VIRTUAL + importer;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const importer = id.slice(VIRTUAL.length).split('?')[0];
      const zh = readJson(`${ROOT}src/i18n/zh-CN.json`);
      const en = readJson(`${ROOT}src/i18n/en.json`);
      const keys = keysNamedIn(readFileSync(importer, 'utf8'), Object.keys(zh));
      const pick = (d: Record<string, string>) => Object.fromEntries(keys.filter((k) => k in d).map((k) => [k, d[k]]));
      this.addWatchFile(`${ROOT}src/i18n/zh-CN.json`);
      return [
        `import { translator } from ${JSON.stringify(TRANSLATE)};`,
        `export const t = translator(${JSON.stringify({ 'zh-CN': pick(zh), en: pick(en) })});`,
      ].join('\n');
    },
  };
}
