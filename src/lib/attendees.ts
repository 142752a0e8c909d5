/**
 * What a trainer types in the session form's attendee box, read into lookups: each entry (one a line, or
 * separated by commas, semicolons, 顿号 or spaces) is a registered e-mail, a mainland mobile number or a
 * person's name. Pure: the server looks them up (src/server/sessions.ts).
 */
export type AttendeeKind = 'email' | 'phone' | 'name';
export interface AttendeeKey {
  kind: AttendeeKind;
  value: string;
  input: string;
}
export interface AttendeeReject {
  input: string;
  reason: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Han characters as explicit ranges (CJK A, the basic block, compatibility ideographs, and supplementary planes
// as surrogate pairs, for names like 𠮷): PocketBase's JS VM does not support \p{Script=Han}.
const NAME = /^(?:[\u3400-\u9fff\uf900-\ufaff·•A-Za-z]|[\ud840-\ud87f][\udc00-\udfff]){2,30}$/;

/** A mainland mobile number without spaces, dashes or +86: 11 digits starting with 1; null if not one. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** Entries are split at line ends, commas, semicolons and 顿号, and at spaces except inside a phone number. */
export function splitAttendees(input: string | readonly unknown[]): string[] {
  const parts = typeof input === 'string' ? input.split(/[\n\r,，;；、]+/) : input.map((x) => String(x));
  return parts
    .map((p) => p.trim())
    .flatMap((p) => (/^[\d\s+\-()（）]+$/.test(p) ? [p] : p.split(/\s+/)))
    .filter(Boolean);
}

/** Reads every entry; duplicates (the same person typed twice) are kept once. */
export function parseAttendees(input: string | readonly unknown[]): { keys: AttendeeKey[]; rejected: AttendeeReject[] } {
  const keys: AttendeeKey[] = [];
  const rejected: AttendeeReject[] = [];
  const seen = new Set<string>();
  for (const raw of splitAttendees(input)) {
    let key: AttendeeKey | null = null;
    if (raw.includes('@')) {
      if (EMAIL.test(raw)) key = { kind: 'email', value: raw.toLowerCase(), input: raw };
      else rejected.push({ input: raw, reason: '邮箱格式不对' });
    } else if (/\d/.test(raw)) {
      const phone = normalisePhone(raw);
      if (phone) key = { kind: 'phone', value: phone, input: raw };
      else rejected.push({ input: raw, reason: '不是 11 位手机号' });
    } else if (NAME.test(raw)) key = { kind: 'name', value: raw, input: raw };
    else rejected.push({ input: raw, reason: '看不出是邮箱、手机号还是姓名' });
    if (key && !seen.has(`${key.kind}:${key.value}`)) {
      seen.add(`${key.kind}:${key.value}`);
      keys.push(key);
    }
  }
  return { keys, rejected };
}
