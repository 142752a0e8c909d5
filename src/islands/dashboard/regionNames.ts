/**
 * Names of the regions on the breadcrumb. Most are learnt from the API's answers while drilling down;
 * a page opened straight at a county asks the static /data/regions.json (built from the same GB/T 2260
 * snapshot as the server) for the names of the levels above it.
 */
const KEY = 'qa.regionNames';

function stored(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

const names: Record<string, string> = typeof window === 'undefined' ? {} : stored();

export function rememberNames(entries: Record<string, string>): void {
  Object.assign(names, entries);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(names));
  } catch {
    /* private mode: names are kept for this page only */
  }
}

export const knownName = (code: string): string | undefined => names[code];

interface RegionsFile {
  provinces: { code: string; name: string }[];
  prefectures: Record<string, { code: string; name: string }[]>;
}
let file: Promise<RegionsFile> | null = null;

/** Looks up the names that are not known yet; resolves with every name it could find. */
export async function resolveNames(codes: readonly string[]): Promise<Record<string, string>> {
  const missing = codes.filter((c) => !(c in names));
  if (missing.length) {
    file ??= fetch('/data/regions.json').then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))));
    try {
      const regions = await file;
      const found: Record<string, string> = {};
      for (const p of regions.provinces) if (missing.includes(p.code)) found[p.code] = p.name;
      for (const list of Object.values(regions.prefectures)) for (const p of list) if (missing.includes(p.code)) found[p.code] = p.name;
      rememberNames(found);
    } catch {
      file = null;
    }
  }
  return Object.fromEntries(codes.map((c) => [c, names[c] ?? c]));
}
