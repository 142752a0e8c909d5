import { describe, expect, it } from 'vitest';
import { formatGroups, groupEntries, routeOf, type LogEntry } from '../integration/server-log-check.ts';

const request = (status: number, method: string, url: string, error = ''): LogEntry => ({
  level: 8,
  message: `${method} ${url}`,
  data: { type: 'request', status, method, url, error },
});

describe('server log check (integration teardown)', () => {
  it('groups one route whatever its record id or query', () => {
    expect(routeOf('/api/collections/users/records/xj2ne3ct0k58ryr?expand=x')).toBe('/api/collections/users/records/:id');
    const groups = groupEntries([
      request(403, 'GET', '/api/collections/users/records?filter=a'),
      request(403, 'GET', '/api/collections/users/records?filter=b'),
      request(404, 'GET', '/api/collections/users/records/xj2ne3ct0k58ryr'),
    ]);
    expect(groups.map((g) => [g.key, g.count, g.expected])).toEqual([
      ['403 GET /api/collections/users/records', 2, true],
      ['404 GET /api/collections/users/records/:id', 1, true],
    ]);
  });

  it('flags a 5xx, a failed route and a hook error as unexpected, and lists them first', () => {
    const groups = groupEntries([
      request(400, 'POST', '/api/collections/users/records', 'Failed to create record.'),
      request(500, 'POST', '/api/qa/attempts', 'boom'),
      { level: 8, message: 'qa route failed', data: { error: 'TypeError: x is undefined' } },
      request(0, 'POST', '/api/qa/attempts', 'context canceled'),
      request(0, 'GET', '/api/qa/me', 'sql: database is locked'),
    ]);
    expect(groups.filter((g) => !g.expected).map((g) => g.key)).toEqual([
      '0 GET /api/qa/me',
      '500 POST /api/qa/attempts',
      'qa route failed',
    ]);
    // a client that left before the answer is not a server fault
    expect(groups.find((g) => g.key === '0 POST /api/qa/attempts')?.expected).toBe(true);
    const table = formatGroups(groups);
    expect(table.indexOf('UNEXPECTED')).toBeLessThan(table.indexOf('expected '));
    expect(table).toContain('TypeError: x is undefined');
  });
});
