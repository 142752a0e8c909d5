/** Masks a person's name for public pages: keeps the first and (for 3+ characters) the last character. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim()); // code points: rare characters such as 𠮷 (U+20BB7) are one character
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The name an erased person's account and completions carry from then on (src/server/accounts/my-data.ts). */
export const ERASED_NAME = '已注销用户';
