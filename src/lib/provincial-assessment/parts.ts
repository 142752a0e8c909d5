/**
 * The raw figures of the assessment come in parts, one per source, so that a change to one source (a meeting
 * recorded, an assistance accepted) recomputes that part only and the others come from the memo:
 *
 *   organising: policies, organising records, cases      (tables policies, programme_records, case_submissions)
 *   sessions:   in-person sessions                        (table sessions)
 *   helped:     helped enterprises and their survey       (tables assistances, surveys)
 *   training:   the year's exact counters                  (stat_counts, read by key on every request)
 *
 * Each part maps a region code to a short tuple; regions without a row count 0. figuresOf puts the parts of
 * the asked regions together; it is the only place that knows which tuple slot is which measure.
 */
import { emptyFigures, type RegionFigures } from './measures.ts';

/** [policies, organisingRecords, casesRecommended, casesSelected] */
export type OrganisingTuple = [number, number, number, number];
/** [enterprisesHelped, survey responses, satisfied, improved] */
export type HelpedTuple = [number, number, number, number];
/** [attendeeTimes, enterprisesTrained] and coursesOffered, as SQLite returns them (two grouped look-ups) */
export interface TrainingPart {
  totals: Record<string, [number, number]>;
  courses: Record<string, number>;
}

export interface FigureParts {
  organising: Record<string, OrganisingTuple>;
  sessions: Record<string, number>;
  helped: Record<string, HelpedTuple>;
  training: TrainingPart;
  /** notes on missing or partial sources, shown with every region */
  notes: string[];
}

export function figuresOf(parts: FigureParts, regions: readonly string[]): Map<string, RegionFigures> {
  const out = new Map<string, RegionFigures>();
  for (const r of regions) {
    const f = emptyFigures();
    const o = parts.organising[r];
    if (o) [f.counts.policies, f.counts.organisingRecords, f.counts.casesRecommended, f.counts.casesSelected] = o;
    f.counts.sessionsHeld = parts.sessions[r] ?? 0;
    const t = parts.training.totals[r];
    if (t) [f.counts.attendeeTimes, f.counts.enterprisesTrained] = t;
    f.counts.coursesOffered = parts.training.courses[r] ?? 0;
    const h = parts.helped[r];
    if (h) {
      f.counts.enterprisesHelped = h[0];
      f.rates.improvedRate = { numerator: h[3], denominator: h[1] };
      f.rates.satisfiedRate = { numerator: h[2], denominator: h[1] };
    }
    f.notes = [...parts.notes];
    out.set(r, f);
  }
  return out;
}
