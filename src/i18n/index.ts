/**
 * UI strings, in one place: zh-CN is the default and complete; en is second and falls back to zh-CN.
 * Both files are validated when imported, so a typo in a key fails the build and the unit tests.
 */
import { z } from 'zod';
import zhCN from './zh-CN.json' with { type: 'json' };
import enRaw from './en.json' with { type: 'json' };

export type Locale = 'zh-CN' | 'en';
export type UiKey = keyof typeof zhCN;

const Dictionary = z.record(z.string(), z.string().min(1));
const zh = Dictionary.parse(zhCN) as Record<UiKey, string>;
const en = Dictionary.refine((d) => Object.keys(d).every((k) => k in zh), {
  message: 'en.json has keys that zh-CN.json does not',
}).parse(enRaw) as Partial<Record<UiKey, string>>;

const dictionaries: Record<Locale, Partial<Record<UiKey, string>>> = { 'zh-CN': zh, en };

/** Translates a key and fills {placeholders}. */
export function t(key: UiKey, params: Record<string, string | number> = {}, locale: Locale = 'zh-CN'): string {
  const template = dictionaries[locale][key] ?? zh[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
