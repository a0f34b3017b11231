/** Number formatting of k6's text summary (docs/k6-compatibility.md#end-of-test-summary). */
import type { ValueType } from '../metrics/metric.ts';

/**
 * Truncates toward zero at `digits` decimals. The product is first cut to 15 significant digits so
 * float noise does not cost a digit (0.29·10⁴ is 2899.9999999999995 in binary, but means 2900).
 */
export function truncateTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.trunc(Number((value * scale).toPrecision(15))) / scale;
}

/** A Rate as a percentage truncated to 2 decimals: 0.99999 ⇒ "99.99%". */
export function formatPercent(rate: number): string {
  return `${truncateTo(rate * 100, 2).toFixed(2)}%`;
}

/** Whole-percent floor of a pass ratio, for the `↳  66% — ✓ 2 / ✗ 1` line. */
export function floorPercent(passes: number, total: number): number {
  return total > 0 ? truncateTo((passes / total) * 100, 0) : 0;
}

/** A plain number: rounded to at most 6 decimals, trailing zeros dropped (-0 prints as 0). */
export function formatDefault(value: number): string {
  const rounded = Number(value.toFixed(6));
  return String(rounded === 0 ? 0 : rounded);
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;

/** Bytes in base 1000: "0 B", "718 B", "4.9 kB", "519 kB"; one decimal below 10 of a unit. */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  if (bytes < 10) return `${formatDefault(bytes)} B`;
  let exponent = 0;
  while (exponent < BYTE_UNITS.length - 1 && bytes >= 1000 ** (exponent + 1)) exponent++;
  const scaled = Math.floor((bytes / 1000 ** exponent) * 10 + 0.5) / 10;
  return `${scaled.toFixed(scaled < 10 ? 1 : 0)} ${BYTE_UNITS[exponent]}`;
}

/** summaryTimeUnit ⇒ [factor from ms, shown unit]. */
const FIXED_TIME_UNITS: Readonly<Record<string, readonly [number, string]>> = {
  s: [0.001, 's'],
  ms: [1, 'ms'],
  us: [1000, 'µs'],
};

/**
 * A duration given in ms. With a summaryTimeUnit (s, ms, us): that unit with exactly 2 decimals.
 * Otherwise humanised and truncated: 0s, 950ns, 12.25µs, 148.21ms, 1.4s, 4m0s, 1h2m3s.
 */
export function formatDuration(ms: number, timeUnit = ''): string {
  const fixed = FIXED_TIME_UNITS[timeUnit];
  if (fixed) return `${(ms * fixed[0]).toFixed(2)}${fixed[1]}`;
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  if (ms < 0.001) return `${truncateTo(ms * 1e6, 0)}ns`;
  if (ms < 1) return `${truncateTo(ms * 1000, 2)}µs`;
  if (ms < 1000) return `${truncateTo(ms, 2)}ms`;
  if (ms < 60_000) return `${truncateTo(ms / 1000, 2)}s`;
  const seconds = Math.trunc((ms % 60_000) / 1000);
  const minutes = Math.trunc(ms / 60_000);
  const hours = Math.trunc(minutes / 60);
  return hours > 0 ? `${hours}h${minutes % 60}m${seconds}s` : `${minutes}m${seconds}s`;
}

/** A value by what the metric contains (not its type: Rate percentages are the caller's choice). */
export function formatByContains(value: number, contains: ValueType, timeUnit = ''): string {
  switch (contains) {
    case 'time':
      return formatDuration(value, timeUnit);
    case 'data':
      return formatBytes(value);
    case 'default':
      return formatDefault(value);
  }
}
