import { childRegions, listProvinces } from '../../lib/regions.ts';

/** GB/T 2260 divisions for the registration form's cascading selects (built once, served statically). */
export function GET() {
  const provinces = listProvinces();
  const prefectures: Record<string, { code: string; name: string }[]> = {};
  const counties: Record<string, { code: string; name: string }[]> = {};
  for (const p of provinces) {
    prefectures[p.code] = childRegions(p.code);
    for (const pref of prefectures[p.code]) counties[pref.code] = childRegions(pref.code);
  }
  return new Response(JSON.stringify({ provinces, prefectures, counties }), { headers: { 'content-type': 'application/json' } });
}
