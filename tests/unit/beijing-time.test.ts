/**
 * Reporting periods and dates shown to people are in Beijing time, whatever the time zone of the machine:
 * this file runs with the process in Los Angeles time to prove it.
 */
process.env.TZ = 'America/Los_Angeles';

import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { beijingDateKey, fromBeijing, parsePbDate, pbDateMs, toPbDate } from '../../src/lib/beijing-time.ts';
import {
  counterDeltas,
  membershipTracker,
  monthOf,
  monthOfSql,
  periodsOfMonth,
  yearOf,
  type CompletionFacts,
} from '../../src/lib/stats/keys.ts';
import { formatDateTime, formatDateZh } from '../../src/lib/format.ts';
import { newCertificateCode } from '../../src/lib/certificate-code.ts';

const periodsAt = (iso: string) => periodsOfMonth(monthOf(new Date(iso)));

describe('reporting periods are cut in Beijing time (UTC+8)', () => {
  it('a completion at 23:30 UTC on 31 January belongs to February and Q1', () => {
    expect(new Date('2026-01-31T23:30:00Z').getHours()).toBe(15); // the machine really is in Los Angeles
    expect(periodsAt('2026-01-31T23:30:00Z')).toEqual(['2026-02', '2026-Q1', '2026', 'all']);
    expect(periodsAt('2026-01-31T15:59:59.999Z')).toEqual(['2026-01', '2026-Q1', '2026', 'all']);
    expect(periodsAt('2026-01-31T16:00:00Z')).toEqual(['2026-02', '2026-Q1', '2026', 'all']);
  });

  it('quarter boundary: 16:00 UTC on 31 March starts Q2', () => {
    expect(periodsAt('2026-03-31T15:59:59.999Z')).toEqual(['2026-03', '2026-Q1', '2026', 'all']);
    expect(periodsAt('2026-03-31T16:00:00Z')).toEqual(['2026-04', '2026-Q2', '2026', 'all']);
    expect(periodsAt('2026-09-30T20:00:00Z')).toEqual(['2026-10', '2026-Q4', '2026', 'all']);
  });

  it('year boundary: 23:30 UTC on 31 December is New Year in Beijing', () => {
    expect(periodsAt('2025-12-31T23:30:00Z')).toEqual(['2026-01', '2026-Q1', '2026', 'all']);
    expect(periodsAt('2025-12-31T15:59:59.999Z')).toEqual(['2025-12', '2025-Q4', '2025', 'all']);
    expect(yearOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026');
    expect(yearOf(fromBeijing(2026, 1, 1, 0, 0).getTime() - 1)).toBe('2025');
  });

  it('the counters a boundary completion touches are those of the Beijing month, quarter and year', () => {
    const facts: CompletionFacts = {
      user: 'u',
      enterprise: 'e',
      course: 'c',
      month: monthOf(new Date('2025-12-31T23:30:00Z')),
      province: '33',
      prefecture: '3305',
      county: '330502',
      sector: '04',
      channel: 'online',
    };
    const periods = new Set(counterDeltas(facts, membershipTracker()).map((d) => d.period));
    expect([...periods]).toEqual(['2026-01', '2026-Q1', '2026', 'all']);
  });

  it('the SQL used to re-derive stored months agrees with monthOf', () => {
    const db = new DatabaseSync(':memory:');
    const instants = [
      '2026-01-31T23:30:00Z',
      '2026-01-31T15:59:59.999Z',
      '2025-12-31T16:00:00Z',
      '2026-03-31T16:00:00Z',
      '2026-06-30T12:00:00Z',
      '2024-02-29T16:30:00Z',
    ];
    let seed = 11;
    for (let i = 0; i < 200; i++)
      instants.push(new Date(Date.UTC(2024, 0, 1) + ((seed = (seed * 48271) % 2147483647) % (3 * 365 * 86_400_000))).toISOString());
    for (const iso of instants) {
      const stored = toPbDate(new Date(iso));
      const sql = (db.prepare(`SELECT ${monthOfSql(':at')} AS m`).get({ at: stored }) as { m: string }).m;
      expect(sql, stored).toBe(monthOf(new Date(iso)));
    }
  });
});

describe('dates shown to people are Beijing dates', () => {
  it('a course finished at 06:30 on 1 December in Beijing reads 12月1日 everywhere', () => {
    const finished = toPbDate(fromBeijing(2026, 12, 1, 6, 30)); // 2026-11-30 22:30:00.000Z
    expect(finished).toBe('2026-11-30 22:30:00.000Z');
    expect(formatDateZh(finished)).toBe('2026年12月1日');
    expect(formatDateTime(finished)).toBe('2026-12-01 06:30');
    expect(formatDateTime('2026-11-30T22:30:00.000Z')).toBe('2026-12-01 06:30');
    expect(beijingDateKey(parsePbDate(finished)!)).toBe('2026-12-01');
  });

  it('parses PocketBase and ISO dates once, and leaves bad input visible', () => {
    expect(pbDateMs('2026-11-28 09:30:00.000Z')).toBe(Date.UTC(2026, 10, 28, 9, 30));
    expect(parsePbDate('')).toBeNull();
    expect(Number.isNaN(pbDateMs('not a date'))).toBe(true);
    expect(formatDateZh('not a date')).toBe('not a date');
    expect(formatDateTime(null)).toBe('');
  });

  it('a certificate issued early on 1 January Beijing time carries the new year', () => {
    const code = newCertificateCode(new Date('2025-12-31T23:30:00Z'), (n) => '2'.repeat(n));
    expect(code.startsWith('QA26-')).toBe(true);
  });
});
