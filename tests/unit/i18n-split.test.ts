import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keysNamedIn } from '../../scripts/lib/i18n-split.ts';
import zh from '../../src/i18n/zh-CN.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALL = Object.keys(zh);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('per-module UI strings in the browser build', () => {
  it('keeps the keys a module names, and whole families named by a prefix', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a module, template holes included
    const source = "t('nav.login'); t(`search.kind.${kind}`); const k = 'auth.size.' + s; x.y.z; t('nav.nope')";
    const kept = keysNamedIn(source, ALL);
    expect(kept).toContain('nav.login');
    expect(kept).toContain('search.kind.course');
    expect(kept.filter((k) => k.startsWith('auth.size.')).length).toBeGreaterThan(1);
    expect(kept).not.toContain('nav.register');
    expect(kept.length).toBeLessThan(40);
    // a one-word prefix before the template hole (the verification page's heading)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template hole
    const verify = keysNamedIn('t(`verify.${status}`)', ALL);
    expect(verify).toContain('verify.valid');
    expect(verify).toContain('verify.revoked');
  });

  // A module's `t` knows only the keys its own source names (scripts/lib/i18n-split.ts). A call whose key
  // comes from a variable is safe only when that variable's keys are written in the same file; these are the
  // ones reviewed. A new one fails here: write its keys in the same file (or as a `prefix.${...}` template),
  // then add it to the list.
  it('every t() call in browser code takes a key written in the same file', () => {
    const reviewed = [
      'src/islands/AccountMenu.tsx: t(labels.long)',
      'src/islands/AccountMenu.tsx: t(labels.short)',
      'src/islands/TrainerSessions.tsx: t(RESULT_LABEL[a.result])',
      'src/islands/VerifyCertificate.tsx: t(LEAD[status])',
    ];
    const found = new Set<string>();
    const sources = ['src/islands', 'src/client', 'src/lib'].flatMap((d) => files(join(ROOT, d))).filter((f) => /\.(ts|tsx)$/.test(f));
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      if (!/i18n\/index(\.ts)?['"]/.test(text)) continue;
      for (const m of text.matchAll(/(?<![\w.])t\((?![`'"])([\w.$]+(?:\[[^\]]*\])?)/g))
        found.add(`${relative(ROOT, file)}: t(${m[1].trim()})`);
    }
    expect([...found].sort()).toEqual(reviewed.sort());
  });
});
