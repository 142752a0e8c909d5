import { jurisdictionLevel } from '../regions.ts';
import { provinceOfCode } from '../xpcc.ts';

/** The snapshot column that holds a region code of this length. */
export function regionColumn(code: string): 'province_code' | 'prefecture_code' | 'county_code' | null {
  return ({ 2: 'province_code', 4: 'prefecture_code', 6: 'county_code' } as const)[code.length as 2 | 4 | 6] ?? null;
}

/** True when `region` is the jurisdiction itself or lies inside it. */
export function regionWithin(jurisdiction: string, region: string): boolean {
  if (jurisdictionLevel(region) === null || jurisdictionLevel(jurisdiction) === null) return false;
  if (jurisdiction === '') return true;
  if (region.length < jurisdiction.length) return false;
  if (jurisdiction.length === 2) return provinceOfCode(region) === jurisdiction;
  return region.startsWith(jurisdiction);
}
