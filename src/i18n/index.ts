/**
 * UI strings, in one place: zh-CN is the default and complete; en is second and falls back to zh-CN.
 * Both files are validated when imported, so a typo in a key fails the build and the unit tests.
 * The checks are hand-written rather than zod: this module is in every page's script, and zod would add
 * about 40 KB (gzip) to each (docs/performance.md).
 */
import zhCN from './zh-CN.json' with { type: 'json' };
import enRaw from './en.json' with { type: 'json' };
import { translator, type Locale } from './translate.ts';

export type { Locale };
export type UiKey = keyof typeof zhCN;

function dictionary(name: string, raw: unknown, keys?: Record<string, string>): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${name}: not an object of strings`);
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || value === '') throw new Error(`${name}: "${key}" must be a non-empty string`);
    if (keys && !(key in keys)) throw new Error(`${name} has keys that zh-CN.json does not: "${key}"`);
  }
  return raw as Record<string, string>;
}
const zh = dictionary('zh-CN.json', zhCN) as Record<UiKey, string>;
const en = dictionary('en.json', enRaw, zh) as Partial<Record<UiKey, string>>;

/**
 * Translates a key and fills {placeholders}. In the browser build every module that imports this gets its own
 * `t` over only the keys its source names (scripts/lib/i18n-split.ts), so a page does not download all the
 * site's strings.
 */
export const t: (key: UiKey, params?: Record<string, string | number>, locale?: Locale) => string = translator<UiKey>({ 'zh-CN': zh, en });
