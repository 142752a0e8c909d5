import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { isXpccCitySql, provinceOfCode, provinceOfCodeSql, XPCC_CODE } from '../../src/lib/xpcc.ts';
import { regionChain } from '../../src/lib/regions.ts';

describe('the Corps (XPCC) rule, once', () => {
  it('counts 6590 and 6590xx in 66 and the rest of Xinjiang in 65, in TypeScript and in SQL alike', () => {
    const db = new DatabaseSync(':memory:');
    for (const code of ['659001', '6590', '650102', '6501', '330502', '3305']) {
      const sql = db.prepare(`SELECT ${provinceOfCodeSql(':c')} AS p, ${isXpccCitySql(':c')} AS corps`).get({ c: code }) as {
        p: string;
        corps: number;
      };
      expect(sql.p, code).toBe(provinceOfCode(code));
      expect(sql.corps === 1, code).toBe(provinceOfCode(code) === XPCC_CODE);
    }
    expect(provinceOfCode('659001')).toBe('66');
    expect(provinceOfCode('650102')).toBe('65');
    expect(provinceOfCode('')).toBe('');
    expect(regionChain('659001')?.province).toBe(XPCC_CODE);
  });

  it('does not load the region data', async () => {
    const source = (await import('node:fs')).readFileSync(new URL('../../src/lib/xpcc.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import /m);
  });
});
