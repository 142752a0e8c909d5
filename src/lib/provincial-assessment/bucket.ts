import { regionChain, XPCC_CODE } from '../regions.ts';

/** The code at a coarser level (2, 4 or 6 digits) that contains a region code; null when the code is coarser. */
export function ancestorAt(code: string, length: 2 | 4 | 6): string | null {
  if (code.length < length) return null;
  if (length === 2) {
    if (code.length === 2) return code;
    if (code.startsWith('6590')) return XPCC_CODE;
    if (code.length === 6) return regionChain(code)?.province ?? code.slice(0, 2);
    return code.slice(0, 2);
  }
  return code.slice(0, length);
}
