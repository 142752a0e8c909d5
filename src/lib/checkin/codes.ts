/**
 * Codes of a live in-person session (docs/in-person-sessions.md). Pure: the HMAC is passed in (the server uses
 * PocketBase's $security.hs256, tests use node:crypto), so the rules are the same everywhere.
 *
 * - The QR code carries a token derived from the session's secret and the current 10-second step. A token is
 *   accepted during its own step and the next one, so a photo forwarded to someone elsewhere is refused after
 *   at most 20 seconds.
 * - The short code (6 digits, typed by hand where phones cannot scan) is derived the same way from 60-second
 *   steps, again accepting the current and previous step: reading it off a wall and typing it takes time, and
 *   a code that never changed would travel by chat for the whole session.
 * - Scanning exchanges a fresh code for a ticket valid for 5 minutes, bound to the session: enough to fill in
 *   name, phone and credit code on a phone without the code going stale mid-form.
 */
export type Hmac = (key: string, message: string) => string; // hex digest

export const QR_STEP_MS = 10_000;
export const MANUAL_STEP_MS = 60_000;
export const TICKET_MS = 5 * 60_000;
export const MANUAL_CODE_DIGITS = 6;

export const stepOf = (now: number, stepMs: number): number => Math.floor(now / stepMs);

/** The QR token of a step: 16 hex characters (64 bits) of HMAC. */
export const qrToken = (hmac: Hmac, secret: string, step: number): string => hmac(secret, `qr:${step}`).slice(0, 16);

/** The short code of a step: 6 digits from the first 48 bits of HMAC. */
export function manualCode(hmac: Hmac, secret: string, step: number): string {
  const n = parseInt(hmac(secret, `manual:${step}`).slice(0, 12), 16) % 10 ** MANUAL_CODE_DIGITS;
  return String(n).padStart(MANUAL_CODE_DIGITS, '0');
}

/** Constant-time comparison of two strings, so a guess does not learn how many leading characters were right. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** True when the token belongs to the current or the previous 10-second step. */
export function qrTokenValid(hmac: Hmac, secret: string, token: string, now: number): boolean {
  if (!/^[0-9a-f]{16}$/.test(token)) return false;
  const step = stepOf(now, QR_STEP_MS);
  return [step, step - 1].some((s) => sameText(qrToken(hmac, secret, s), token));
}

/** Digits a person typed: full-width digits and spaces allowed; null when not 6 digits. */
export function normaliseManualCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const digits = raw.replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${MANUAL_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export function manualCodeValid(hmac: Hmac, secret: string, code: string, now: number): boolean {
  const step = stepOf(now, MANUAL_STEP_MS);
  return [step, step - 1].some((s) => sameText(manualCode(hmac, secret, s), code));
}

/** What the projector shows now, and when it changes. */
export interface CurrentCodes {
  token: string;
  manual: string;
  tokenChangesInMs: number;
  manualChangesInMs: number;
}

export function currentCodes(hmac: Hmac, secret: string, now: number): CurrentCodes {
  return {
    token: qrToken(hmac, secret, stepOf(now, QR_STEP_MS)),
    manual: manualCode(hmac, secret, stepOf(now, MANUAL_STEP_MS)),
    tokenChangesInMs: QR_STEP_MS - (now % QR_STEP_MS),
    manualChangesInMs: MANUAL_STEP_MS - (now % MANUAL_STEP_MS),
  };
}

/** How the ticket was earned: q = scanned the QR code, c = typed the short code. */
export type TicketVia = 'q' | 'c';
const TICKET = /^([a-z0-9]{15})\.(\d{13})\.([qc])\.([0-9a-f]{32})$/;

/** A ticket: "<session>.<issued ms>.<via>.<mac>", valid TICKET_MS for that session only. */
export function issueTicket(hmac: Hmac, secret: string, session: string, now: number, via: TicketVia = 'q'): string {
  return `${session}.${now}.${via}.${hmac(secret, `ticket:${session}:${now}:${via}`).slice(0, 32)}`;
}

/** The session a ticket is for (to find its secret), or null when it is not a ticket at all. */
export const ticketSession = (ticket: unknown): string | null => {
  if (typeof ticket !== 'string' || ticket.length > 80) return null;
  const m = TICKET.exec(ticket);
  return m ? m[1] : null;
};

export type TicketCheck = { ok: true; via: TicketVia } | { ok: false; reason: 'invalid' | 'expired' };

export function checkTicket(hmac: Hmac, secret: string, ticket: string, now: number): TicketCheck {
  const m = TICKET.exec(ticket);
  if (!m) return { ok: false, reason: 'invalid' };
  const issued = Number(m[2]);
  const via = m[3] as TicketVia;
  if (!sameText(hmac(secret, `ticket:${m[1]}:${issued}:${via}`).slice(0, 32), m[4])) return { ok: false, reason: 'invalid' };
  if (issued > now + 5_000 || now - issued > TICKET_MS) return { ok: false, reason: 'expired' };
  return { ok: true, via };
}
