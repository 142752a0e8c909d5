/**
 * The regulators' dashboard data: who is signed in, the view in the URL (?period=&region=&sector=), the
 * statistics for that view and the names along the region path. The server checks the jurisdiction; this
 * hook only asks and reports its answer.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure, type SessionUser } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { routes } from '../../lib/routes.ts';
import { IAF_SECTORS } from '../../lib/iaf-sectors.ts';
import { parsePeriod } from '../../lib/stats/keys.ts';
import type { Dashboard, ProvinceRow, SurveyResults } from '../../lib/stats/dashboard-tables.ts';
import { breadcrumbCodes, regionParam } from '../../lib/stats/region-path.ts';
import { currentYearKey, periodLabel } from './period.ts';
import { knownName, rememberNames, resolveNames } from './regionNames.ts';

export interface Query {
  period: string;
  region: string | null;
  sector: string;
}
export interface Loaded {
  dashboard: Dashboard;
  survey: SurveyResults;
  provinces: ProvinceRow[] | null;
}

/** Reads the view from the URL; parameters that cannot be right are reported and replaced by defaults. */
export function readQuery(): { query: Query; problems: string[] } {
  const params = new URLSearchParams(window.location.search);
  const problems: string[] = [];
  let period = params.get('period') || currentYearKey();
  if (!parsePeriod(period)) {
    problems.push(t('regulator.badPeriod', { value: period, fallback: periodLabel(currentYearKey()) }));
    period = currentYearKey();
  }
  let sector = params.get('sector') ?? '';
  if (sector && !(sector in IAF_SECTORS)) {
    problems.push(t('regulator.badSector', { value: sector }));
    sector = '';
  }
  // The region is checked by the server (GB/T 2260 code inside the jurisdiction): its answer is shown.
  return { query: { period, region: params.get('region') || null, sector }, problems };
}

export function urlFor(q: Query): string {
  const params = new URLSearchParams();
  params.set('period', q.period);
  if (q.region) params.set('region', q.region);
  if (q.sector) params.set('sector', q.sector);
  return `${window.location.pathname}?${params}`;
}

/** A click the page may handle itself (not one that opens a new tab or window). */
export const plainClick = (e: MouseEvent) => !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0);

export function useDashboardData() {
  // The session is read at once (the island runs only in the browser) and the figures are loading from the first
  // render: the first screen is rendered once before they come, not three times.
  const [user, setUser] = useState<SessionUser | null | undefined>(() =>
    typeof window === 'undefined' ? undefined : (currentUser() ?? undefined),
  );
  const initial = useMemo(
    () => (typeof window === 'undefined' ? { query: { period: '', region: null, sector: '' }, problems: [] } : readQuery()),
    [],
  );
  const [query, setQuery] = useState<Query>(initial.query);
  const [problems, setProblems] = useState<string[]>(initial.problems);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const [crumbNames, setCrumbNames] = useState<Record<string, string>>({});
  const seq = useRef(0);
  const viewTitle = useRef<HTMLHeadingElement>(null);
  const focusAfterLoad = useRef(false);

  useEffect(() => {
    const u = currentUser();
    if (!u) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulator() + window.location.search)}`;
      return;
    }
    setUser((known) => known ?? u);
    const onPop = () => {
      const next = readQuery();
      setQuery(next.query);
      setProblems(next.problems);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // A layout effect: the requests go out as soon as the first screen is rendered, not after it is painted (on a
  // slow phone its first layout and paint take a good part of a second).
  useLayoutEffect(() => {
    if (user?.role !== 'regulator') return;
    const n = ++seq.current;
    setLoading(true);
    const params: Record<string, string> = { period: query.period };
    if (query.region) params.region = query.region;
    // The three requests go out together (one round trip on a slow network, not two in a row): a national
    // regulator's own view also shows the province comparison. Whether the view is national is the server's answer.
    const national = !user.jurisdiction && !query.region;
    const provincesReply = national ? qa('stats/provinces', { query: { period: query.period } }) : null;
    provincesReply?.catch(() => undefined); // awaited below only when the view is national
    Promise.all([qa('stats/dashboard', { query: params }), qa('stats/survey', { query: params })])
      .then(async ([dashboard, survey]) => {
        const provinces =
          dashboard.jurisdiction === '' && dashboard.region === ''
            ? (await (provincesReply ?? qa('stats/provinces', { query: { period: query.period } }))).rows
            : null;
        if (n !== seq.current) return;
        rememberNames({
          [dashboard.region]: dashboard.regionName,
          [dashboard.jurisdiction]: dashboard.jurisdictionName,
          ...Object.fromEntries(dashboard.breakdown.map((b) => [b.code, b.name])),
        });
        // One render for the answer: everything it changes is set together (each setState after an await
        // would build the whole dashboard again).
        const codes = breadcrumbCodes(dashboard.jurisdiction, dashboard.region);
        setCrumbNames(Object.fromEntries(codes.map((c) => [c, knownName(c) ?? c])));
        if (codes.some((c) => knownName(c) === undefined)) resolveNames(codes).then((found) => n === seq.current && setCrumbNames(found));
        setData({ dashboard, survey, provinces });
        setError(null);
        setLoading(false);
      })
      .catch((err: ApiFailure) => {
        if (n !== seq.current) return;
        setData(null);
        setError(err);
        setLoading(false);
      });
  }, [user, query.period, query.region]);

  useEffect(() => {
    if (data && focusAfterLoad.current) {
      focusAfterLoad.current = false;
      viewTitle.current?.focus();
    }
  }, [data]);

  /** Shows another view (pushed to the history); `focus` moves focus to the view's title once loaded. */
  function navigate(next: Partial<Query>, focus = false) {
    const q = { ...query, ...next };
    setQuery(q);
    setProblems([]);
    focusAfterLoad.current = focus;
    window.history.pushState(null, '', urlFor(q));
  }

  /** href and click handler of a link that shows a region inside the jurisdiction. */
  const regionLink = (code: string, jurisdiction: string) => {
    const region = regionParam(code, jurisdiction);
    return {
      href: urlFor({ ...query, region }),
      onClick: (e: MouseEvent) => {
        if (!plainClick(e)) return;
        e.preventDefault();
        navigate({ region }, true);
      },
    };
  };

  const d = data?.dashboard;
  const crumbs = d ? breadcrumbCodes(d.jurisdiction, d.region) : [];
  const pathNames = crumbs.map((c) => crumbNames[c] ?? knownName(c) ?? c);

  return { user, query, problems, data, error, loading, crumbs, pathNames, viewTitle, navigate, regionLink };
}
