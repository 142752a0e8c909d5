/**
 * The one place that reads the assistance records and the helped-enterprise survey for the assessment
 * (indicators 4 to 6) and for experts' case authorship. Definitions are the assistance workflow's own:
 * 帮扶企业数 from the record (src/lib/assistance/helped.ts, through src/server/assistance/helped.ts), improvement
 * and satisfaction from the helped enterprises' survey answers (src/lib/survey/instrument.ts thresholds).
 */
import { parsePeriod } from '../../lib/stats/keys.ts';
import { CLEAR_EFFECT_FROM, SATISFIED_FROM } from '../../lib/survey/instrument.ts';
import { helpedRows } from '../assistance/helped.ts';
import { answersOf } from '../assistance/numbers.ts';

export interface HelpedCounts { helped: number; improved: number; satisfied: number; responses: number }

export interface HelpedFigures {
  available: boolean;
  note: string;
  /** keyed by region code at the requested level */
  byRegion: Map<string, HelpedCounts>;
}

/** Helped enterprises, and their improvement and satisfaction, by region at one level (2, 4 or 6 digits), in a year. */
export function helpedFigures(app: PbApp, year: string, level: 2 | 4 | 6): HelpedFigures {
  const byRegion = new Map<string, HelpedCounts>();
  const period = parsePeriod(year);
  if (!period) return { available: true, note: '', byRegion };
  const rows = helpedRows(app, '', period);
  const answers = answersOf(app, new Set(rows.map((r) => r.enterprise)), period);
  const regionOf = (r: (typeof rows)[number]) => (level === 2 ? r.province : level === 4 ? r.prefecture : r.county);
  const enterprisesOf = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = enterprisesOf.get(regionOf(r)) ?? new Set<string>();
    set.add(r.enterprise);
    enterprisesOf.set(regionOf(r), set);
  }
  for (const [region, enterprises] of enterprisesOf) {
    const given = [...enterprises].map((id) => answers.get(id)).filter((a): a is NonNullable<typeof a> => Boolean(a));
    byRegion.set(region, {
      helped: enterprises.size,
      responses: given.length,
      satisfied: given.filter((a) => a.satisfaction >= SATISFIED_FROM).length,
      improved: given.filter((a) => a.effect >= CLEAR_EFFECT_FROM).length,
    });
  }
  return { available: true, note: '', byRegion };
}

/** Enterprises an expert is assisting now or has assisted (active or closed), for case authorship. */
export function assistedEnterprises(app: PbApp, expertId: string): string[] {
  const rows = arrayOf(new DynamicModel({ enterprise: '' }));
  app.db().newQuery("SELECT DISTINCT enterprise FROM assistances WHERE expert = {:expert} AND state IN ('active', 'closed')").bind({ expert: expertId }).all(rows);
  return rows.map((r) => r.enterprise as string);
}
