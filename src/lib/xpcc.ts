/**
 * The Xinjiang Production and Construction Corps (新疆生产建设兵团) in region codes, without the region data:
 * GB/T 2260 gives the Corps no code of its own, its cities are county-level divisions 6590xx of Xinjiang.
 * The platform reports the Corps as the province-level unit "66" (as national statistics do), with one
 * prefecture level "6590" (兵团师市); every 6590xx county counts in 66, not in Xinjiang 65.
 * Every place that maps a code to its province-level unit uses this module (pages, server, SQL).
 */
export const XPCC_CODE = '66';
export const XPCC_NAME = '新疆生产建设兵团';
export const XPCC_PREFECTURE = '6590';

/** The province-level unit of a region code of 2, 4 or 6 digits ("" stays national). */
export function provinceOfCode(code: string): string {
  if (code.length <= 2) return code;
  return code.startsWith(XPCC_PREFECTURE) ? XPCC_CODE : code.slice(0, 2);
}

/** The same rule as an SQL expression over a column holding a 4- or 6-digit code. */
export const provinceOfCodeSql = (column: string) =>
  `CASE WHEN substr(${column}, 1, 4) = '${XPCC_PREFECTURE}' THEN '${XPCC_CODE}' ELSE substr(${column}, 1, 2) END`;

/** SQL condition: `column` holds a code of the Corps' cities (6590 or 6590xx). */
export const isXpccCitySql = (column: string) =>
  `(${column} >= '${XPCC_PREFECTURE}' AND ${column} < '${String(Number(XPCC_PREFECTURE) + 1)}')`;
