/**
 * Scores a province from what the platform counted and the ministry's rule set, keeping every step so
 * that the page can show how the score was reached:
 *
 *   measure attainment  = min(value / target, cap)            (rates: percentage / target percentage)
 *   indicator attainment = weighted mean of its measures' attainments
 *   indicator points    = indicator weight × indicator attainment   (rounded half up, 2 decimals)
 *   total               = sum of indicator points
 *
 * Targets come from the measure, or from the rule set's per-province override.
 */
import type { AssessmentRules } from '../../schemas/assessment-rules.ts';
import { roundHalfUp } from '../stats/percent.ts';
import { INDICATORS, isRateKey, measureLabel, type IndicatorId, type MeasureKey, type RegionFigures } from './measures.ts';

export interface MeasureScore {
  key: MeasureKey;
  label: string;
  /** the count, or the percentage for rates (null when a rate has no answers) */
  value: number | null;
  numerator?: number;
  denominator?: number;
  target: number;
  weight: number;
  /** 0 to cap */
  attainment: number;
}

export interface IndicatorScore {
  id: IndicatorId;
  no: number;
  name: string;
  weight: number;
  attainment: number;
  points: number;
  measures: MeasureScore[];
}

export interface ProvinceScore {
  province: string;
  total: number;
  maxTotal: number;
  indicators: IndicatorScore[];
  notes: string[];
}

export function targetFor(rules: AssessmentRules, province: string, key: MeasureKey, fallback: number): number {
  return rules.targets[province]?.[key] ?? fallback;
}

export function scoreProvince(rules: AssessmentRules, province: string, figures: RegionFigures): ProvinceScore {
  const indicators = [...rules.indicators]
    .sort((a, b) => INDICATORS[a.id].no - INDICATORS[b.id].no)
    .map((ind): IndicatorScore => {
      const measures = ind.measures.map((m): MeasureScore => {
        const key = m.key as MeasureKey;
        const target = targetFor(rules, province, key, m.target);
        if (isRateKey(key)) {
          const { numerator, denominator } = figures.rates[key];
          const value = denominator > 0 ? roundHalfUp((numerator / denominator) * 100) : null;
          return {
            key,
            label: measureLabel(key),
            value,
            numerator,
            denominator,
            target,
            weight: m.weight,
            attainment: value === null ? 0 : Math.min(value / target, ind.cap),
          };
        }
        const value = figures.counts[key];
        return { key, label: measureLabel(key), value, target, weight: m.weight, attainment: Math.min(value / target, ind.cap) };
      });
      const weights = measures.reduce((s, m) => s + m.weight, 0);
      const attainment = weights > 0 ? measures.reduce((s, m) => s + m.weight * m.attainment, 0) / weights : 0;
      return {
        id: ind.id,
        no: INDICATORS[ind.id].no,
        name: INDICATORS[ind.id].name,
        weight: ind.weight,
        attainment: roundHalfUp(attainment, 4),
        points: roundHalfUp(ind.weight * attainment),
        measures,
      };
    });
  return {
    province,
    total: roundHalfUp(indicators.reduce((s, i) => s + i.points, 0)),
    maxTotal: roundHalfUp(rules.indicators.reduce((s, i) => s + i.weight * i.cap, 0)),
    indicators,
    notes: figures.notes,
  };
}

/** Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4). */
export function rank<T extends { total: number }>(scores: readonly T[]): (T & { rank: number })[] {
  const sorted = [...scores].sort((a, b) => b.total - a.total);
  let rankOfTotal = 0;
  return sorted.map((s, i) => {
    if (i === 0 || s.total !== sorted[i - 1].total) rankOfTotal = i + 1;
    return { ...s, rank: rankOfTotal };
  });
}

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : roundHalfUp((sorted[mid - 1] + sorted[mid]) / 2);
}

/** The national median of the total and of every indicator's points: what a province compares itself with. */
export function medians(scores: readonly ProvinceScore[]): { total: number; indicators: Record<IndicatorId, number> } {
  const ids = scores[0]?.indicators.map((i) => i.id) ?? [];
  return {
    total: median(scores.map((s) => s.total)),
    indicators: Object.fromEntries(
      ids.map((id) => [id, median(scores.map((s) => s.indicators.find((i) => i.id === id)?.points ?? 0))]),
    ) as Record<IndicatorId, number>,
  };
}
