import { describe, expect, it } from 'vitest';
import {
  childRegions,
  jurisdictionLevel,
  listProvinces,
  regionChain,
  regionFullName,
  regionName,
  XPCC_CODE,
} from '../../src/lib/regions.ts';
import { regionWithin, regionColumn } from '../../src/lib/stats/jurisdiction.ts';

describe('GB/T 2260 regions', () => {
  it('covers the 31 provinces and the Xinjiang Production and Construction Corps', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(32);
    expect(provinces.find((p) => p.code === XPCC_CODE)?.name).toBe('新疆生产建设兵团');
    expect(regionName('33')).toBe('浙江省');
  });

  it('resolves a county to its province and prefecture', () => {
    expect(regionChain('330502')).toEqual({ province: '33', prefecture: '3305', county: '330502' });
    expect(regionFullName('330502')).toBe('浙江省 湖州市 吴兴区');
    expect(regionChain('999999')).toBeNull();
    expect(regionChain('33050')).toBeNull();
  });

  it('attributes Corps cities (6590xx) to the Corps, not to Xinjiang', () => {
    expect(regionChain('659001')?.province).toBe('66');
    expect(regionChain('650102')?.province).toBe('65');
    expect(childRegions('65').map((r) => r.code)).not.toContain('6590');
    expect(childRegions('66').map((r) => r.code)).toEqual(['6590']);
  });

  it('knows which jurisdiction codes exist', () => {
    expect(jurisdictionLevel('')).toBe('national');
    expect(jurisdictionLevel('33')).toBe('province');
    expect(jurisdictionLevel('3305')).toBe('prefecture');
    expect(jurisdictionLevel('330502')).toBe('county');
    expect(jurisdictionLevel('99')).toBeNull();
    expect(jurisdictionLevel('3')).toBeNull();
  });

  it('lets a regulator look only inside their jurisdiction', () => {
    expect(regionWithin('33', '3305')).toBe(true);
    expect(regionWithin('33', '330502')).toBe(true);
    expect(regionWithin('33', '44')).toBe(false);
    expect(regionWithin('33', '')).toBe(false);
    expect(regionWithin('', '44')).toBe(true);
    expect(regionWithin('3305', '3306')).toBe(false);
    expect(regionWithin('66', '6590')).toBe(true);
    expect(regionWithin('65', '659001')).toBe(false);
    expect(regionColumn('33')).toBe('province_code');
    expect(regionColumn('')).toBeNull();
  });
});
