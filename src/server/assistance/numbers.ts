/**
 * Numbers for regulators: 帮扶企业数 from the record, completed assistances, the survey of helped
 * enterprises, overdue follow-ups; by region, sector and body; and the list of helped enterprises (names and
 * status, never answers). Jurisdiction is enforced as for the training statistics (regulatorScope).
 */
import { periodRange } from '../../lib/assistance/helped.ts';
import { followUpStatus } from '../../lib/assistance/overdue.ts';
import { STATE_LABELS, type AssistanceState } from '../../lib/assistance/state-machine.ts';
import { IAF_SECTORS } from '../../lib/iaf-sectors.ts';
import { childRegions, regionName } from '../../lib/regions.ts';
import { percentage } from '../../lib/stats/percent.ts';
import { MIN_PUBLISHED_RESPONSES, publishable, summariseSurveys, type ChangeAverage } from '../../lib/survey/summary.ts';
import { answerFromStored, type SurveyAnswer } from '../../lib/survey/instrument.ts';
import type { Period } from '../../lib/stats/keys.ts';
import { findById } from '../http.ts';
import { periodParam, regulatorScope } from '../stats.ts';
import { helpedRows, isoOf, type AssistanceRow } from './helped.ts';
import { lastConfirmedVisits, programmeFollowUpDays } from './visits.ts';
import type { Figures } from '../../lib/assistance/tables.ts';

/** The figures the tables show (src/lib/assistance/tables.ts); survey shares are null when fewer than
 * MIN_PUBLISHED_RESPONSES helped enterprises answered. */
export interface AssistanceFigures extends Figures {
  /** average size of change per measurable item among those who gave one (null when withheld) */
  changes: ChangeAverage[] | null;
}

export interface GroupFigures extends AssistanceFigures {
  code: string;
  name: string;
}

type Answer = SurveyAnswer & { enterprise: string };

const parse = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw || 'null');
  } catch {
    return null;
  }
};

/**
 * Survey answers (src/lib/survey/instrument.ts) of the given enterprises in the period's year (any year for
 * "all": the latest per enterprise). Respondents are counted among helped enterprises only.
 */
export function answersOf(app: PbApp, enterprises: Set<string>, period: Period): Map<string, Answer> {
  const out = new Map<string, Answer>();
  if (!enterprises.size) return out;
  const rows = arrayOf(
    new DynamicModel({
      enterprise: '',
      instrument: 0,
      satisfaction: 0,
      effect: 0,
      improvements: '',
      changes: '',
      follow_up: 0,
      gov_support: '',
      gov_support_areas: '',
    }),
  );
  const ids = [...enterprises].map((id) => `'${id.replace(/[^a-z0-9]/g, '')}'`).join(',');
  const year = period.kind === 'all' ? '' : period.key.slice(0, 4);
  app
    .db()
    .newQuery(
      `SELECT enterprise, COALESCE(instrument, 0) AS instrument, satisfaction, effect, COALESCE(improvements, '') AS improvements, COALESCE(changes, '') AS changes,
              COALESCE(follow_up, 0) AS follow_up, COALESCE(gov_support, '') AS gov_support, COALESCE(gov_support_areas, '') AS gov_support_areas
       FROM surveys WHERE enterprise IN (${ids}) ${year ? 'AND year = {:year}' : ''} ORDER BY year`,
    )
    .bind({ year })
    .all(rows);
  for (const r of rows) {
    const answer = answerFromStored({
      instrument: r.instrument,
      satisfaction: r.satisfaction,
      effect: r.effect,
      improvements: parse(r.improvements),
      changes: parse(r.changes),
      follow_up: r.follow_up,
      gov_support: r.gov_support,
      gov_support_areas: parse(r.gov_support_areas),
    });
    out.set(r.enterprise, { ...answer, enterprise: r.enterprise });
  }
  return out;
}

function overdueOf(app: PbApp, rows: AssistanceRow[], days: number, now: Date): Set<string> {
  const out = new Set<string>();
  const visits = lastConfirmedVisits(app);
  for (const r of rows) {
    if (r.state !== 'active') continue;
    if (followUpStatus({ state: r.state, acceptedAt: r.acceptedAt, lastConfirmedVisit: visits.get(r.id) ?? null }, days, now).overdue)
      out.add(r.id);
  }
  return out;
}

function figures(
  rows: AssistanceRow[],
  answers: Map<string, Answer>,
  overdue: Set<string>,
  range: { start: Date; end: Date } | null,
): AssistanceFigures {
  const enterprises = new Set(rows.map((r) => r.enterprise));
  const completed = new Set(
    rows
      .filter(
        (r) =>
          r.state === 'closed' &&
          r.finishedAt &&
          (!range || (Date.parse(r.finishedAt) >= range.start.getTime() && Date.parse(r.finishedAt) < range.end.getTime())),
      )
      .map((r) => r.enterprise),
  );
  const answered = [...enterprises].map((e) => answers.get(e)).filter((a): a is Answer => Boolean(a));
  // Shares and averages of groups under MIN_PUBLISHED_RESPONSES answers are withheld (the survey module's rule).
  const shown = publishable(summariseSurveys(answered));
  return {
    helped: enterprises.size,
    completed: completed.size,
    overdue: rows.filter((r) => overdue.has(r.id)).length,
    surveyed: answered.length,
    responseRate: percentage(answered.length, enterprises.size),
    satisfied: shown.satisfied,
    clearEffect: shown.clearEffect,
    followUpSatisfied: shown.followUpSatisfied,
    needsGovernmentSupport: shown.govSupportNeedsImprovement,
    changes: shown.changes,
  };
}

function groupBy(rows: AssistanceRow[], key: (r: AssistanceRow) => string): Map<string, AssistanceRow[]> {
  const out = new Map<string, AssistanceRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(r);
  }
  return out;
}

export interface AssistanceStats {
  region: string;
  regionName: string;
  period: string;
  followUpDays: number;
  minPublished: number;
  totals: AssistanceFigures;
  byRegion: GroupFigures[];
  bySector: GroupFigures[];
  byBody: GroupFigures[];
  generatedAt: string;
}

/** GET /api/qa/assistance/stats?period=&region= */
export function assistanceStats(e: PbRequestEvent): AssistanceStats {
  const { region } = regulatorScope(e);
  const period = periodParam(e);
  const app = e.app;
  const range = periodRange(period);
  const rows = helpedRows(app, region, period);
  const answers = answersOf(app, new Set(rows.map((r) => r.enterprise)), period);
  const days = programmeFollowUpDays(app);
  const overdue = overdueOf(app, rows, days, new Date());
  const fig = (subset: AssistanceRow[]) => figures(subset, answers, overdue, range);
  const childLevel = (r: AssistanceRow) => (region === '' ? r.province : region.length === 2 ? r.prefecture : r.county);
  const byChild = groupBy(rows, childLevel);
  const bySector = groupBy(rows, (r) => r.sector);
  const byBody = groupBy(rows, (r) => r.body);
  return {
    region,
    regionName: regionName(region),
    period: period.key,
    followUpDays: days,
    minPublished: MIN_PUBLISHED_RESPONSES,
    totals: fig(rows),
    byRegion:
      region.length === 6 ? [] : childRegions(region).map((c) => ({ code: c.code, name: c.name, ...fig(byChild.get(c.code) ?? []) })),
    bySector: [...bySector.entries()]
      .map(([code, list]) => ({ code, name: IAF_SECTORS[code] ?? code, ...fig(list) }))
      .sort((a, b) => b.helped - a.helped),
    // Bodies are shown by approval number and name (their record ids mean nothing to a reader).
    byBody: [...byBody.entries()]
      .map(([id, list]) => {
        const record = findById(app, 'cert_bodies', id);
        return { code: record?.getString('approval_number') ?? '', name: record?.getString('name') ?? '', ...fig(list) };
      })
      .sort((a, b) => b.helped - a.helped),
    generatedAt: new Date().toISOString(),
  };
}

export interface HelpedEnterpriseRow {
  assistance: string;
  enterprise: string;
  region: string;
  county: string;
  sector: string;
  body: string;
  state: AssistanceState;
  stateLabel: string;
  acceptedAt: string;
  finishedAt: string;
  lastConfirmedVisit: string;
  overdue: boolean;
}

export interface PendingApplication {
  assistance: string;
  enterprise: string;
  region: string;
  county: string;
  province: string;
  body: string;
  appliedAt: string;
}

/**
 * GET /api/qa/assistance/enterprises?period=&region= : helped enterprises in the jurisdiction (names and status,
 * never individual answers), and applications waiting for a body, so that the regulator can assign one.
 */
export function helpedList(e: PbRequestEvent): {
  region: string;
  regionName: string;
  period: string;
  rows: HelpedEnterpriseRow[];
  pending: PendingApplication[];
} {
  const { region } = regulatorScope(e);
  const period = periodParam(e);
  const app = e.app;
  const days = programmeFollowUpDays(app);
  const now = new Date();
  const names = new Map<string, string>();
  const name = (collection: string, id: string) => {
    if (!id) return '';
    const key = `${collection}/${id}`;
    if (!names.has(key)) names.set(key, findById(app, collection, id)?.getString('name') ?? '');
    return names.get(key)!;
  };
  const visits = lastConfirmedVisits(app);
  const rows = helpedRows(app, region, period)
    .map((r) => {
      const last = visits.get(r.id) ?? null;
      return {
        assistance: r.id,
        enterprise: name('enterprises', r.enterprise),
        region: regionName(r.county),
        county: r.county,
        sector: r.sector,
        body: name('cert_bodies', r.body),
        state: r.state as AssistanceState,
        stateLabel: STATE_LABELS[r.state as AssistanceState],
        acceptedAt: r.acceptedAt ?? '',
        finishedAt: r.finishedAt ?? '',
        lastConfirmedVisit: last ? last.slice(0, 10) : '',
        overdue: followUpStatus({ state: r.state, acceptedAt: r.acceptedAt, lastConfirmedVisit: last }, days, now).overdue,
      };
    })
    .sort((a, b) => a.county.localeCompare(b.county) || a.enterprise.localeCompare(b.enterprise, 'zh'));
  const column = region.length === 2 ? 'province_code' : region.length === 4 ? 'prefecture_code' : region.length === 6 ? 'county_code' : '';
  const pending = app
    .findRecordsByFilter('assistances', `state = 'requested'${column ? ` && ${column} = {:region}` : ''}`, 'created', 500, 0, { region })
    .map((a) => ({
      assistance: a.id,
      enterprise: name('enterprises', a.getString('enterprise')),
      region: regionName(a.getString('county_code')),
      county: a.getString('county_code'),
      province: a.getString('province_code'),
      body: name('cert_bodies', a.getString('body')),
      appliedAt: isoOf(a.getString('created')),
    }));
  return { region, regionName: regionName(region), period: period.key, rows, pending };
}
