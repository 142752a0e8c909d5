/**
 * The one place that reads the assistance records and the helped-enterprise survey for the assessment
 * (indicators 4 to 6) and for experts' case authorship. The assistance collections are built in another
 * branch; until they exist this returns zeros with the note "帮扶数据尚未接入", so every page says why
 * the figures are empty instead of showing a misleading 0.
 */
import { ancestorAt } from '../../lib/provincial-assessment/bucket.ts';

export const NOT_CONNECTED = '帮扶数据尚未接入';

export interface HelpedCounts { helped: number; improved: number; satisfied: number; responses: number }

export interface HelpedFigures {
  available: boolean;
  note: string;
  /** keyed by region code at the requested level */
  byRegion: Map<string, HelpedCounts>;
}

function collectionExists(app: PbApp, name: string): boolean {
  try {
    app.findCachedCollectionByNameOrId(name);
    return true;
  } catch {
    return false;
  }
}

/** Helped enterprises, and their improvement and satisfaction, by region at one level (2, 4 or 6 digits), in a year. */
export function helpedFigures(app: PbApp, year: string, level: 2 | 4 | 6): HelpedFigures {
  const byRegion = new Map<string, HelpedCounts>();
  if (!collectionExists(app, 'assistances')) return { available: false, note: NOT_CONNECTED, byRegion };
  void year;
  void level;
  void ancestorAt;
  return { available: false, note: NOT_CONNECTED, byRegion };
}

/** Enterprises an expert is assisting (accepted or active), for case authorship. */
export function assistedEnterprises(app: PbApp, expertId: string): string[] {
  if (!collectionExists(app, 'assistances')) return [];
  void expertId;
  return [];
}
