import { jurisdictionLevel, regionChain, XPCC_CODE } from '../regions.ts';

/** The snapshot column that holds a region code of this length. */
export function regionColumn(code: string): 'province_code' | 'prefecture_code' | 'county_code' | null {
  return ({ 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' } as const)[code.length as 2 | 4 | 6] ?? null;
}

function provinceOf(code: string): string {
  if (code.length === 2) return code;
  if (code.length === 4) return code === '6590' ? XPCC_CODE : code.slice(0, 2);
  return regionChain(code)?.province ?? code.slice(0, 2);
}

/** True when `region` is the jurisdiction itself or lies inside it. */
export function regionWithin(jurisdiction: string, region: string): boolean {
  if (jurisdictionLevel(region) === null || jurisdictionLevel(jurisdiction) === null) return false;
  if (jurisdiction === '') return true;
  if (region.length < jurisdiction.length) return false;
  if (jurisdiction.length === 2) return provinceOf(region) === jurisdiction;
  return region.startsWith(jurisdiction);
}
