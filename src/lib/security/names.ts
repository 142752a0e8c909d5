/**
 * One rule for a person's name, wherever a name enters the platform: registration, a profile update through
 * PocketBase's generic API, a trainer's session roster, the completion snapshot. No I/O.
 *
 * A name is 2 to 30 characters (code points, so 𠮷 is one) after trimming and collapsing inner whitespace;
 * no control or invisible formatting characters; at least one letter (Han, Latin, ...). Middle dots of
 * transliterated names (买买提·艾力) and Latin spaces (Anna Li) are fine.
 */
export const NAME_MIN = 2;
export const NAME_MAX = 30;
/**
 * Longer raw input is refused before any other work (no trimming, no splitting into characters): a 30 MB
 * "name" must cost nothing. 4 UTF-16 units per allowed character leaves room for whitespace to be collapsed.
 */
export const NAME_RAW_MAX = NAME_MAX * 4;

export type NameCheck =
  | { ok: true; value: string }
  | { ok: false; code: 'name_required' | 'name_too_short' | 'name_too_long' | 'name_invalid_chars' | 'name_no_letter'; message: string };

// Written without Unicode property escapes (\p{L}): PocketBase's JS engine (goja) does not support them.
// Control characters, soft hyphen, zero-width and bidi formatting characters, line/paragraph separators, BOM.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/;
// Letters of the scripts names are written in here: Latin (with accents), Greek, Cyrillic, Arabic (Uyghur),
// Tibetan, Mongolian, Yi, Hangul, kana, Han (BMP and, as surrogate pairs, the supplementary planes).
const LETTER =
  /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u0f00-\u0fff\u1800-\u18af\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;

// Module-level: the server's JS VM compiles a regular expression literal again each time a function evaluates it.
const TAB_OR_NEWLINE = /[\t\n\r]/g;
const WHITESPACE_RUN = /\s+/g;

export function checkName(raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, code: 'name_required', message: '请填写姓名' };
  if (raw.length > NAME_RAW_MAX) return { ok: false, code: 'name_too_long', message: `姓名最多 ${NAME_MAX} 个字` };
  if (raw.trim() === '') return { ok: false, code: 'name_required', message: '请填写姓名' };
  if (FORBIDDEN.test(raw.replace(TAB_OR_NEWLINE, ' ')))
    return { ok: false, code: 'name_invalid_chars', message: '姓名里有不可见的控制字符，请重新输入' };
  const value = raw.trim().replace(WHITESPACE_RUN, ' ');
  const length = Array.from(value).length;
  if (length < NAME_MIN) return { ok: false, code: 'name_too_short', message: `姓名至少 ${NAME_MIN} 个字` };
  if (length > NAME_MAX) return { ok: false, code: 'name_too_long', message: `姓名最多 ${NAME_MAX} 个字` };
  if (!LETTER.test(value)) return { ok: false, code: 'name_no_letter', message: '姓名需要包含文字，不能只有数字或符号' };
  return { ok: true, value };
}
