/** The translation function over given dictionaries; shared by the full module (index.ts) and the per-module
 * dictionaries the client build makes (scripts/lib/i18n-split.ts). No imports: it must stay tiny. */
export type Locale = 'zh-CN' | 'en';

export function translator<K extends string>(dictionaries: Record<Locale, Partial<Record<K, string>>>) {
  const zh = dictionaries['zh-CN'];
  /** Translates a key and fills {placeholders}. */
  return function t(key: K, params: Record<string, string | number> = {}, locale: Locale = 'zh-CN'): string {
    const template = dictionaries[locale][key] ?? zh[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
  };
}
