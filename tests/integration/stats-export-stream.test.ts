/**
 * The full export is streamed page by page (src/server/stats.ts, streamExportCsv): an export longer than one
 * page must still contain every counter of the region and period exactly once, in order, with the same
 * content as the counters table holds; and the single writer stays free while it runs.
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, completeCourse, content, login, readDataDb, registerLearner } from './helpers.ts';
import { TEST_EXPORT_PAGE_ROWS } from './global-setup.ts';

const courseId = Object.keys(content.courses)[2];

function storedRows(periodFilter: string, regionFilter: string) {
  const db = readDataDb();
  const rows = db
    .prepare(
      `SELECT period, region, dim, attendee_times, attendees, enterprises FROM stat_counts WHERE ${periodFilter} AND ${regionFilter} ORDER BY period, region, dim`,
    )
    .all() as Record<string, string | number>[];
  db.close();
  return rows.map((r) => [r.period, r.region === '' ? '000000' : r.region, r.attendee_times, r.attendees, r.enterprises].join(','));
}

async function exportLines(path: string, token: string) {
  const res = await fetch(`${baseUrl()}${path}`, { headers: { authorization: token } });
  expect(res.status).toBe(200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
  expect(text.startsWith('\uFEFF统计期间,')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(1).split('\r\n').slice(1, -1);
}

// "period,code,"name","dim label",t,a,e" -> "period,code,t,a,e" (names are checked by stats-scope.test.ts)
const keyAndCounts = (line: string) => {
  const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
  return [cells[0], cells[1], cells[4], cells[5], cells[6]].join(',');
};

describe('the full export is streamed in pages and complete', () => {
  it('a national export longer than one page holds every counter once, in order, equal to the stored counters', async () => {
    // A few completions in different provinces, so that the export certainly spans several pages.
    for (const county of ['330106', '440305', '659001', '110105']) await completeCourse(await registerLearner({ county }), courseId);
    const national = await login('regulator@example.com');
    const lines = await exportLines('/api/qa/stats/export?period=all&region=national', national);
    expect(lines.length).toBeGreaterThan(TEST_EXPORT_PAGE_ROWS * 4);
    // The export covers "all" and every month with data; the counters table read directly must agree row by row.
    const months = [...new Set(lines.map((l) => l.split(',')[0]))].filter((p) => p !== 'all');
    expect(months.every((m) => /^\d{4}-\d{2}$/.test(m))).toBe(true);
    const expected = storedRows(`period IN ('all', ${months.map((m) => `'${m}'`).join(', ')})`, '1 = 1');
    expect(lines.map(keyAndCounts)).toEqual(expected);
    // every row has its region and dimension names (the join is per page)
    expect(lines.every((l) => /^[^,]+,\d{2,6},"[^"]+","[^"]+",\d+,\d+,\d+$/.test(l))).toBe(true);
  });

  it('a province export keeps to the province (the Corps apart) across pages', async () => {
    const xj = await login('regulator@example.com');
    const lines = await exportLines('/api/qa/stats/export?period=all&region=65', xj);
    expect(lines.every((l) => l.split(',')[1].startsWith('65') && !l.split(',')[1].startsWith('6590'))).toBe(true);
    const corps = await exportLines('/api/qa/stats/export?period=all&region=66', xj);
    expect(corps.length).toBeGreaterThan(0);
    expect(corps.every((l) => l.split(',')[1] === '66' || l.split(',')[1].startsWith('6590'))).toBe(true);
  });
});
