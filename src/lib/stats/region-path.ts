/** Region codes as a path from national down (breadcrumbs, drill-down links); pure. */
import { t } from '../../i18n/index.ts';
import { provinceOfCode } from '../xpcc.ts';

/** The province-level unit of a region code (the Corps' 6590xx cities belong to 66, not to Xinjiang 65). */
export const provinceOf = provinceOfCode;

/** The codes from national down to the region: "330502" -> ["", "33", "3305", "330502"]. */
export function regionPath(region: string): string[] {
  const path = [''];
  if (region.length >= 2) path.push(provinceOf(region));
  if (region.length >= 4) path.push(region.slice(0, 4));
  if (region.length >= 6) path.push(region);
  return path;
}

/** The breadcrumb: the path from the user's jurisdiction down to the region being viewed. */
export function breadcrumbCodes(jurisdiction: string, region: string): string[] {
  const path = regionPath(region);
  const start = path.indexOf(jurisdiction);
  return start < 0 ? [region] : path.slice(start);
}

/** The `region` query parameter that shows a region: none for the jurisdiction itself, "national" for "". */
export function regionParam(code: string, jurisdiction: string): string | null {
  if (code === jurisdiction) return null;
  return code === '' ? 'national' : code;
}

/** Whether a region has units one level down (counties are the smallest). */
export const canDrillInto = (code: string) => code.length < 6;

/** What the units one level down are called: provinces, prefectures, counties. */
export function childLevelLabel(region: string): string {
  if (region === '') return t('regulator.level.provinces');
  if (region.length === 2) return t('regulator.level.prefectures');
  return t('regulator.level.counties');
}
