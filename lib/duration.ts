/**
 * k6 duration strings as test scripts write them ("1m30s", "500ms", "2d12h"; a bare number means milliseconds),
 * for the profile builders' arithmetic. Only what scripts need: non-negative, in days (leading, whole), hours,
 * minutes, seconds and milliseconds. Every text accepted here means the same to the runtime's parser
 * (runtime/units/duration.ts, which lib/ may not import: it runs in real k6); test/unit/lib/duration.test.ts checks
 * that. See docs/k6-compatibility.md#options.
 */
const UNIT_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const MILLISECONDS = /^\d+(?:\.\d+)?$/;
const DURATION = /^(?:\d+d)?(?:\d+(?:\.\d+)?(?:ms|s|m|h))*$/;
const PART = /(\d+)(?:\.(\d+))?(ms|s|m|h|d)/g;

export type Duration = string | number;

export function durationMs(d: Duration): number {
  if (typeof d === 'number') {
    if (!(d >= 0)) throw new Error(`invalid duration ${d}: must be a number of milliseconds >= 0`);
    return d;
  }
  if (MILLISECONDS.test(d)) return Number(d);
  if (d === '' || !DURATION.test(d)) {
    throw new Error(`invalid duration '${d}': use a number of milliseconds or units like "30s", "1m30s", "500ms", "2h", "1d"`);
  }
  let total = 0;
  for (const [, whole, fraction = '', unit] of d.matchAll(PART)) {
    const perUnit = UNIT_MS[unit!]!;
    // the fraction apart, as Go sums it: 1.1 * 1000 would be 1100.0000000000002
    total += Number(whole) * perUnit + (Number(fraction) * perUnit) / 10 ** fraction.length;
  }
  return total;
}

/** Milliseconds as a k6 duration string: whole hours/minutes/seconds, or "<n>ms" for fractions. */
export function formatDuration(ms: number): string {
  if (ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out || '0s';
}
