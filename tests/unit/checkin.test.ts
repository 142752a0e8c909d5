import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  checkTicket,
  currentCodes,
  issueTicket,
  manualCode,
  manualCodeValid,
  normaliseManualCode,
  qrToken,
  qrTokenValid,
  QR_STEP_MS,
  MANUAL_STEP_MS,
  TICKET_MS,
  ticketSession,
} from '../../src/lib/checkin/codes.ts';
import { checkinWindow, hasRoom, MESSAGES, parseBeijingMinute, validateSession } from '../../src/lib/checkin/rules.ts';

const hmac = (key: string, msg: string) => createHmac('sha256', key).update(msg).digest('hex');
const secret = 'a-session-secret-of-forty-characters-xx';
const t0 = 1_780_000_000_000 - (1_780_000_000_000 % 60_000); // a step boundary of both steps

describe('rotating QR token', () => {
  it('is accepted in its own step and the next, refused two steps later', () => {
    const token = currentCodes(hmac, secret, t0 + 1).token;
    expect(qrTokenValid(hmac, secret, token, t0 + 9_999)).toBe(true);
    expect(qrTokenValid(hmac, secret, token, t0 + QR_STEP_MS + 9_999)).toBe(true);
    expect(qrTokenValid(hmac, secret, token, t0 + 2 * QR_STEP_MS)).toBe(false);
    expect(qrTokenValid(hmac, secret, token, t0 - 1)).toBe(false); // a token from the future (clock games) is no good either
  });
  it('changes every step and differs between sessions', () => {
    expect(qrToken(hmac, secret, 5)).not.toBe(qrToken(hmac, secret, 6));
    expect(qrToken(hmac, secret, 5)).not.toBe(qrToken(hmac, 'another secret', 5));
    expect(qrTokenValid(hmac, 'another secret', qrToken(hmac, secret, t0 / QR_STEP_MS), t0)).toBe(false);
    expect(qrTokenValid(hmac, secret, 'not-hex', t0)).toBe(false);
  });
});

describe('short code typed by hand', () => {
  it('has 6 digits, rotates every minute, accepts the previous minute', () => {
    const code = currentCodes(hmac, secret, t0).manual;
    expect(code).toMatch(/^\d{6}$/);
    expect(manualCodeValid(hmac, secret, code, t0 + MANUAL_STEP_MS + 59_000)).toBe(true);
    expect(manualCodeValid(hmac, secret, code, t0 + 2 * MANUAL_STEP_MS)).toBe(false);
    expect(manualCode(hmac, secret, 1)).not.toBe(manualCode(hmac, secret, 2));
  });
  it('reads full-width digits and spaces, refuses anything else', () => {
    expect(normaliseManualCode('１２３ ４５６')).toBe('123456');
    expect(normaliseManualCode('12345')).toBeNull();
    expect(normaliseManualCode('12345a')).toBeNull();
    expect(normaliseManualCode(123456)).toBeNull();
  });
});

describe('ticket after a fresh scan', () => {
  const session = 'abcdefghij12345';
  it('lasts five minutes for its own session only', () => {
    const ticket = issueTicket(hmac, secret, session, t0);
    expect(ticketSession(ticket)).toBe(session);
    expect(checkTicket(hmac, secret, ticket, t0 + TICKET_MS)).toEqual({ ok: true, via: 'q' });
    expect(checkTicket(hmac, secret, issueTicket(hmac, secret, session, t0, 'c'), t0)).toEqual({ ok: true, via: 'c' });
    expect(checkTicket(hmac, secret, ticket.replace('.q.', '.c.'), t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkTicket(hmac, secret, ticket, t0 + TICKET_MS + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkTicket(hmac, 'other', ticket, t0)).toEqual({ ok: false, reason: 'invalid' });
    const forged = ticket.replace(String(t0), String(t0 + 60_000)); // stretching the time breaks the MAC
    expect(checkTicket(hmac, secret, forged, t0 + TICKET_MS + 30_000)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('check-in window', () => {
  const s = { startsAt: t0, endsAt: t0 + 2 * 3_600_000, closed: false };
  it('opens 30 minutes before the start and closes 30 minutes after the end', () => {
    const early = checkinWindow(s, t0 - 31 * 60_000);
    expect(early.open).toBe(false);
    expect(!early.open && early.message).toMatch(/^签到还没开始：本场培训 \d{4}-\d\d-\d\d \d\d:\d\d 起可以签到/);
    expect(checkinWindow(s, t0 - 30 * 60_000).open).toBe(true);
    expect(checkinWindow(s, s.endsAt + 30 * 60_000).open).toBe(true);
    expect(checkinWindow(s, s.endsAt + 30 * 60_000 + 1)).toEqual({ open: false, code: 'ended', message: MESSAGES.ended });
    expect(checkinWindow({ ...s, closed: true }, t0)).toEqual({ open: false, code: 'closed', message: MESSAGES.closed });
  });
  it('counts capacity', () => {
    expect(hasRoom(29, 30)).toBe(true);
    expect(hasRoom(30, 30)).toBe(false);
  });
});

describe('creating a session', () => {
  const now = Date.parse('2026-12-01T01:00:00Z'); // 09:00 Beijing
  const ok = { start: '2026-12-01T09:30', end: '2026-12-01 11:30', capacity: '40', format: 'lecture', location: '织里镇会议室' };
  it('reads Beijing time', () => {
    expect(parseBeijingMinute('2026-12-01T09:30')).toBe(Date.parse('2026-12-01T01:30:00Z'));
    expect(parseBeijingMinute('2026-02-30T09:30')).toBeNull();
    const v = validateSession(ok, now);
    expect(v).toEqual({
      ok: true,
      value: {
        startsAt: Date.parse('2026-12-01T01:30:00Z'),
        endsAt: Date.parse('2026-12-01T03:30:00Z'),
        capacity: 40,
        format: 'lecture',
        location: '织里镇会议室',
      },
    });
  });
  it('says what is wrong with each field', () => {
    const v = validateSession({ start: 'tomorrow', end: '2026-12-01T08:00', capacity: 0, format: 'webinar', location: 'x' }, now);
    expect(v.ok).toBe(false);
    expect(!v.ok && Object.keys(v.errors).sort()).toEqual(['capacity', 'format', 'location', 'start']);
    const backwards = validateSession({ ...ok, end: '2026-12-01T09:00' }, now);
    expect(!backwards.ok && backwards.errors.end).toBe('结束时间应晚于开始时间');
    const past = validateSession({ ...ok, start: '2026-11-30T09:00', end: '2026-11-30T10:00' }, now);
    expect(!past.ok && past.errors.start).toContain('已经结束');
  });
});
