/**
 * The regression gate: each statistic of the current run against the baseline's, within its
 * tolerance. With two or more baseline runs the baseline is their mean, and a change that stays
 * inside the spread between those runs is called noise rather than a regression.
 */
import type { RunMetric, RunMetrics } from './summary-file.ts';
import { tolerancesFor, type Tolerance, type ToleranceFile } from './tolerances.ts';

/** ok: within tolerance; regression: beyond it (and beyond the noise); noise: beyond it but inside the baseline runs' spread; missing: one side has no value */
export type RowStatus = 'ok' | 'regression' | 'noise' | 'missing';

export interface ComparisonRow {
  readonly metric: string;
  readonly stat: string;
  readonly time?: boolean;
  /** mean over the baseline runs that have the value */
  readonly baseline?: number;
  readonly current?: number;
  readonly tolerance: Tolerance;
  /** largest distance of a baseline run from the baseline mean; only with two or more runs */
  readonly spread?: number;
  readonly status: RowStatus;
}

export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  readonly baselineRuns: number;
  readonly regressions: readonly ComparisonRow[];
}

export function compareRuns(baselines: readonly RunMetrics[], current: RunMetrics, tolerances: ToleranceFile): Comparison {
  const names = [...new Set([...baselines.flatMap((b) => Object.keys(b)), ...Object.keys(current)])].sort();
  const rows: ComparisonRow[] = [];
  for (const metric of names) {
    const any = baselines.find((b) => b[metric])?.[metric] ?? current[metric]!;
    for (const [stat, tolerance] of Object.entries(tolerancesFor(tolerances, metric, any.type))) {
      const valueIn = (run: RunMetrics) => (run[metric] === undefined ? countedAsZero(any) : run[metric]!.values[stat]);
      const samples = baselines.map(valueIn).filter((v): v is number => v !== undefined);
      const now = valueIn(current);
      if (samples.length === 0 && now === undefined) continue;
      rows.push(row(metric, stat, any.time, samples, now, tolerance));
    }
  }
  return { rows, baselineRuns: baselines.length, regressions: rows.filter((r) => r.status === 'regression') };
}

/** A counter or rate missing from a run counted nothing: 0 (errors that appeared, throughput that vanished). */
function countedAsZero(m: RunMetric): number | undefined {
  return m.type === 'counter' || m.type === 'rate' ? 0 : undefined;
}

function row(
  metric: string,
  stat: string,
  time: boolean | undefined,
  samples: number[],
  current: number | undefined,
  tolerance: Tolerance,
): ComparisonRow {
  const base = { metric, stat, time, tolerance };
  if (samples.length === 0 || current === undefined) {
    return { ...base, baseline: samples.length ? mean(samples) : undefined, current, status: 'missing' };
  }
  const baseline = mean(samples);
  const spread = samples.length > 1 ? Math.max(...samples.map((s) => Math.abs(s - baseline))) : undefined;
  let status: RowStatus = 'ok';
  if (exceeds(baseline, current, tolerance)) {
    status = spread !== undefined && Math.abs(current - baseline) <= spread ? 'noise' : 'regression';
  }
  return { ...base, baseline, current, spread, status };
}

/** Whether `current` moved from `baseline` in the bad direction by more than the tolerance. */
export function exceeds(baseline: number, current: number, t: Tolerance): boolean {
  const worse = t.worse === 'up' ? current - baseline : baseline - current;
  if (worse <= 0) return false;
  if (!t.relative) return worse > t.amount;
  return baseline === 0 ? true : worse / Math.abs(baseline) > t.amount;
}

/** (current − baseline) ÷ |baseline|; ±Infinity from a zero baseline; undefined without both. */
export function relativeChange(r: Pick<ComparisonRow, 'baseline' | 'current'>): number | undefined {
  if (r.baseline === undefined || r.current === undefined) return undefined;
  if (r.baseline === 0) return r.current === 0 ? 0 : r.current > 0 ? Infinity : -Infinity;
  return (r.current - r.baseline) / Math.abs(r.baseline);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
