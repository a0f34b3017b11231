/**
 * k6 duration strings ("1m30s", "500ms", "2d12h"; a bare number means milliseconds), as the
 * profile builders need them for arithmetic. See docs/k6-compatibility.md#options.
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export type Duration = string | number;

export function durationMs(d: Duration): number {
  if (typeof d === 'number') {
    if (!(d >= 0)) throw new Error(`invalid duration ${d}: must be a number of milliseconds >= 0`);
    return d;
  }
  const text = d.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text.length === 0) throw new Error('invalid duration \'\': use e.g. "30s"');
  const part = /^(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h|d)/;
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m) throw new Error(`invalid duration '${d}': use a number of milliseconds or units like "30s", "1m30s", "500ms", "2h"`);
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    rest = rest.slice(m[0].length);
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
