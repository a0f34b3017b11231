/** Aggregation keys of k6's sinks (docs/k6-compatibility.md#metrics-checks-and-groups) and what thresholds may use per type (docs/k6-compatibility.md#thresholds). */
import type { MetricType } from './metric.ts';

/** Fixed aggregation names a threshold may use, per metric type; trends also take `p(N)`. */
export const THRESHOLD_AGGREGATIONS: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med'],
};

/** What `values()` of a sink needs besides the samples. */
export interface ValuesQuery {
  /** elapsed test time, for a counter's `rate` (count per second) */
  readonly elapsedMs?: number;
  /** trend percentiles to include as `p(N)` keys, N in 0..100 */
  readonly percentiles?: readonly number[];
}

/** `p(N)` key as k6 writes it (Go's %g), so p(99.90) and p(99.9) name the same aggregation. */
export function percentileKey(q: number): string {
  return `p(${formatGoG(q)})`;
}

/** Go's `%g` for float64: shortest digits; exponent form (two-digit minimum) when exp < -4 or exp >= 6. */
function formatGoG(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(x);
}
