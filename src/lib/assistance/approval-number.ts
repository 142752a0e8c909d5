/**
 * Approval numbers of certification bodies as CNCA prints them: "CNCA-R-2002-001" (CNCA-R, the year of
 * approval, a three-digit serial). CNCA was set up in 2001, so no approval predates 2002.
 */
export const APPROVAL_NUMBER_PATTERN = /^CNCA-R-(\d{4})-(\d{3})$/;
export const FIRST_APPROVAL_YEAR = 2002;

export type ApprovalCheck = { ok: true; value: string; year: number } | { ok: false; message: string };

/** Normalises what people type (spaces, lower case, full-width dashes) and checks the format and the year. */
export function checkApprovalNumber(input: unknown, now: Date = new Date()): ApprovalCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, message: '请填写认证机构批准号，格式如 CNCA-R-2002-001' };
  const value = input
    .trim()
    .toUpperCase()
    .replace(/[－—–‐‑]/g, '-')
    .replace(/\s+/g, '');
  const match = APPROVAL_NUMBER_PATTERN.exec(value);
  if (!match) return { ok: false, message: `批准号“${input.trim()}”格式不对，应为 CNCA-R-年份-三位序号，如 CNCA-R-2002-001` };
  const year = Number(match[1]);
  const thisYear = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  if (year < FIRST_APPROVAL_YEAR || year > thisYear)
    return { ok: false, message: `批准号中的年份 ${year} 不可能：应在 ${FIRST_APPROVAL_YEAR} 到 ${thisYear} 年之间` };
  if (match[2] === '000') return { ok: false, message: '批准号的序号不能是 000' };
  return { ok: true, value, year };
}
