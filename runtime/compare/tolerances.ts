/**
 * How far each statistic may move before `compare` calls it a regression. A tolerance is a
 * signed change: "+10%" (may grow by at most 10 %; any drop is fine), "-5%" (may drop by at most
 * 5 %), or an absolute "+2" / "-0.5" in the metric's unit.
 *
 * A tolerances file maps metric ⇒ statistic ⇒ tolerance; `null` turns a default off (for one
 * statistic, or for a whole metric); `"$defaults": false` compares only what the file lists.
 */
import type { MetricType } from '../metrics/metric.ts';

export interface Tolerance {
  /** the direction that is bad */
  readonly worse: 'up' | 'down';
  readonly amount: number;
  readonly relative: boolean;
  /** as written, for tables */
  readonly text: string;
}

export interface ToleranceFile {
  readonly defaults: boolean;
  /** metric ⇒ stat ⇒ tolerance, or null (off); a metric ⇒ null turns the whole metric off */
  readonly metrics: Readonly<Record<string, Readonly<Record<string, Tolerance | null>> | null>>;
}

export const NO_TOLERANCE_FILE: ToleranceFile = { defaults: true, metrics: {} };

const TOLERANCE = /^([+-])\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/;

export function parseTolerance(text: string, what: string): Tolerance {
  const m = TOLERANCE.exec(text.trim());
  if (!m) throw new Error(`${what}: "${text}" is not a tolerance; write "+10%" (may grow 10 %), "-5%" (may drop 5 %) or an absolute "+2"`);
  return {
    worse: m[1] === '+' ? 'up' : 'down',
    amount: Number(m[2]) / (m[3] ? 100 : 1),
    relative: m[3] === '%',
    text: `${m[1]}${m[2]}${m[3]}`,
  };
}

export function parseToleranceFile(json: unknown): ToleranceFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('expected an object like {"kafka_writer_write_seconds": {"p(99)": "+10%"}, "iterations": {"rate": "-5%"}}');
  }
  const metrics: Record<string, Record<string, Tolerance | null> | null> = {};
  let defaults = true;
  for (const [metric, stats] of Object.entries(json)) {
    if (metric === '$defaults') {
      if (typeof stats !== 'boolean') throw new Error('"$defaults" must be true or false');
      defaults = stats;
    } else if (stats === null) {
      metrics[metric] = null;
    } else if (typeof stats === 'object' && !Array.isArray(stats)) {
      metrics[metric] = Object.fromEntries(
        Object.entries(stats as Record<string, unknown>).map(([stat, t]) => {
          if (t !== null && typeof t !== 'string') throw new Error(`${metric} ${stat}: a tolerance is a string like "+10%" or null`);
          return [stat, t === null ? null : parseTolerance(t, `${metric} ${stat}`)];
        }),
      );
    } else {
      throw new Error(`${metric}: expected {"<stat>": "<tolerance>", ...} or null`);
    }
  }
  return { defaults, metrics };
}

/** Trend statistics that track latency; min and max are single samples, too noisy to gate on. */
const TREND_STATS = ['avg', 'med', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];
/** The generator's own health: the saturation guard judges these, not the comparison. */
const GENERATOR_METRICS = new Set(['event_loop_delay', 'iteration_start_lag', 'vus', 'vus_max']);
/** Metrics that count bad things: any growth is the regression. */
const BAD_THINGS = /error|fail|drop|lost|duplicat|mismatch|timeout|reject/i;

const GROW_10 = parseTolerance('+10%', 'default');
const DROP_5 = parseTolerance('-5%', 'default');

/**
 * The defaults: latency-like trend stats may grow ≤ 10 %; throughput (a counter's per-second
 * rate, a Rate's fraction) may drop ≤ 5 %; counts and rates of errors may grow ≤ 10 % (from 0,
 * any error is a regression).
 */
export function defaultTolerances(metric: string, type: MetricType): Record<string, Tolerance> {
  const base = metric.replace(/\{.*$/, '');
  if (GENERATOR_METRICS.has(base)) return {};
  const bad = BAD_THINGS.test(base);
  switch (type) {
    case 'trend':
      return Object.fromEntries(TREND_STATS.map((s) => [s, GROW_10]));
    case 'counter':
      return bad ? { count: GROW_10 } : { rate: DROP_5 };
    case 'rate':
      return { rate: bad ? GROW_10 : DROP_5 };
    case 'gauge':
      return {};
  }
}

/** The tolerances that apply to one metric: the defaults (unless off) under the file's entries. */
export function tolerancesFor(file: ToleranceFile, metric: string, type: MetricType): Record<string, Tolerance> {
  const listed = file.metrics[metric];
  if (listed === null) return {};
  const merged: Record<string, Tolerance | null> = { ...(file.defaults ? defaultTolerances(metric, type) : {}), ...listed };
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, Tolerance] => e[1] !== null));
}
