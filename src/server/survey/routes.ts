/**
 * The helped-enterprise survey: an enterprise manager answers it (one answer per enterprise and year, updated
 * by answering again); regulators read aggregates for their jurisdiction. Definitions: src/lib/survey/.
 */
import { regionName } from '../../lib/regions.ts';
import {
  CURRENT_INSTRUMENT,
  validateSurvey,
  type SurveyInput,
  type GovSupport,
  type GovSupportArea,
  type ImprovementItem,
  type MeasurableItem,
} from '../../lib/survey/instrument.ts';
import type { SurveySummary } from '../../lib/survey/summary.ts';
import { badRequest, body, findOne, forbidden, getJson, inTransaction, requireAuth } from '../http.ts';
import { periodParam, regulatorScope } from '../stats.ts';
import { surveySummary } from '../stats-helped.ts';
import { yearOf } from '../../lib/stats/keys.ts';

/** The manager's own answer as the form shows it (null fields: not answered, e.g. an answer from the old form). */
export interface MySurvey {
  year: string;
  answer: null | {
    instrument: number;
    satisfaction: number;
    effect: number;
    improvements: ImprovementItem[];
    changes: Partial<Record<MeasurableItem, number>>;
    followUp: number | null;
    govSupport: GovSupport | null;
    govSupportAreas: GovSupportArea[];
    comment: string;
    updated: string;
  };
}

export interface SurveyResults extends SurveySummary {
  region: string;
  regionName: string;
  period: string;
}

/** The survey year is the Beijing calendar year, like every reporting period. */
const thisYear = () => yearOf(Date.now());

function managerOf(e: PbRequestEvent): PbRecord {
  const user = requireAuth(e);
  if (user.getString('role') !== 'enterprise_manager' || !user.getString('enterprise'))
    throw forbidden('只有企业管理员可以填写本企业的帮扶满意度调查');
  return user;
}

/** GET /api/qa/surveys/mine : this year's answer of the manager's enterprise, if any. */
export function mySurvey(e: PbRequestEvent): MySurvey {
  const user = managerOf(e);
  const year = thisYear();
  const r = findOne(e.app, 'surveys', 'enterprise = {:enterprise} && year = {:year}', { enterprise: user.getString('enterprise'), year });
  if (!r) return { year, answer: null };
  const gov = r.getString('gov_support');
  return {
    year,
    answer: {
      instrument: r.getInt('instrument') || 1,
      satisfaction: r.getInt('satisfaction'),
      effect: r.getInt('effect'),
      improvements: getJson<ImprovementItem[]>(r, 'improvements', []),
      changes: getJson<Partial<Record<MeasurableItem, number>>>(r, 'changes', {}),
      followUp: r.getInt('follow_up') || null,
      govSupport: gov === 'needs_improvement' || gov === 'adequate' ? gov : null,
      govSupportAreas: getJson<GovSupportArea[]>(r, 'gov_support_areas', []),
      comment: r.getString('comment'),
      updated: r.getString('updated').replace(' ', 'T'),
    },
  };
}

/**
 * Writes one enterprise's answer for a year onto a surveys record (new or existing), in the current instrument,
 * with the enterprise's region and sector as they are now. The route and the demo seed both write through here.
 */
export function writeSurveyAnswer(
  record: PbRecord,
  enterprise: PbRecord,
  year: string,
  v: Omit<SurveyInput, 'comment'> & { comment?: string },
): void {
  record.set('enterprise', enterprise.id);
  record.set('year', year);
  for (const field of ['province_code', 'prefecture_code', 'county_code', 'sector']) record.set(field, enterprise.getString(field));
  record.set('instrument', CURRENT_INSTRUMENT);
  record.set('satisfaction', v.satisfaction);
  record.set('effect', v.effect);
  record.set('improvements', v.improvements);
  record.set('changes', v.changes);
  record.set('follow_up', v.followUp);
  record.set('gov_support', v.govSupport);
  record.set('gov_support_areas', v.govSupportAreas);
  record.set('comment', v.comment ?? '');
}

/** POST /api/qa/surveys : an enterprise manager answers the helped-enterprise survey for this year. */
export function submitSurvey(e: PbRequestEvent) {
  const user = managerOf(e);
  const parsed = validateSurvey(body(e));
  if (!parsed.ok) {
    throw badRequest(
      '调查表有误，请按提示修改',
      Object.fromEntries(Object.entries(parsed.errors).map(([k, message]) => [k, { code: 'invalid', message }])),
    );
  }
  const year = thisYear();
  const v = parsed.value;
  return inTransaction(e.app, (tx) => {
    const enterprise = tx.findRecordById('enterprises', user.getString('enterprise'));
    const record =
      findOne(tx, 'surveys', 'enterprise = {:enterprise} && year = {:year}', { enterprise: enterprise.id, year }) ??
      new Record(tx.findCachedCollectionByNameOrId('surveys'));
    writeSurveyAnswer(record, enterprise, year, v);
    record.set('submitted_by', user.id);
    tx.save(record);
    return { id: record.id, year, saved: true };
  });
}

/**
 * GET /api/qa/stats/survey?period=&region= : aggregated survey of helped enterprises (regulators), counted by
 * SQLite in groups (src/server/survey/tally-sql.ts) and memoised until an answer changes (the surveys table's
 * version, migration 1764600600).
 */
export function surveyResults(e: PbRequestEvent): SurveyResults {
  const { region } = regulatorScope(e);
  const period = periodParam(e);
  return { region, regionName: regionName(region), period: period.key, ...surveySummary(e.app, region, period) };
}
