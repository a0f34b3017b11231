/**
 * The runtime's one duration parser. k6 durations (https://grafana.com/docs/k6/latest/using-k6/k6-options/reference/):
 * a number, or a string without unit, means milliseconds; otherwise Go duration syntax ("1h2m3.5s", "500ms", "1us")
 * with an optional leading day count ("2d12h"). `lib/duration.ts` parses the part of this syntax that k6 scripts
 * need (they cannot import the runtime), to the same values.
 */
import { ConfigError } from '../errors.ts';

const NS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const NS_PER_DAY = 86_400e9;
const GO_COMPONENT = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses a k6 duration into milliseconds; `what` names the field in the error message (e.g. `"duration"`). */
export function parseDuration(value: unknown, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string') {
    if (PLAIN_NUMBER.test(value)) return Number(value);
    const ns = parseExtendedNs(value);
    if (ns !== undefined) return ns / 1e6;
  }
  throw invalidDuration(value, what, '"30s", "1m30s" or "500ms"');
}

/**
 * Go's time.ParseDuration into milliseconds, for fields that Go code parses as it is (xk6-kafka's
 * `maxWait`): a string only, no day count, no bare number, no surrounding spaces.
 */
export function parseGoDuration(value: unknown, what: string): number {
  const ns = typeof value === 'string' ? parseGoNs(value) : undefined;
  if (ns === undefined) throw invalidDuration(value, what, '"5s" or "200ms"');
  return ns / 1e6;
}

function invalidDuration(value: unknown, what: string, examples: string): ConfigError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new ConfigError(`invalid duration ${shown} for ${what}; use Go syntax like ${examples}`);
}

/** "[days d][Go duration]" → nanoseconds (float), undefined when malformed. */
function parseExtendedNs(text: string): number | undefined {
  const dayMatch = /^([+-]?\d+)d/.exec(text);
  if (!dayMatch) return parseGoNs(text);
  const rest = text.slice(dayMatch[0].length);
  const restNs = rest === '' ? 0 : parseGoNs(rest);
  // k6 allows a sign on the days only; the rest must be unsigned
  if (restNs === undefined || /^[+-]/.test(rest)) return undefined;
  const days = Number(dayMatch[1]);
  return days * NS_PER_DAY + Math.sign(days || 1) * restNs;
}

/** Go's time.ParseDuration, in float nanoseconds. */
function parseGoNs(text: string): number | undefined {
  let pos = 0;
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    sign = text[0] === '-' ? -1 : 1;
    pos = 1;
  }
  if (text.slice(pos) === '0') return 0;
  if (pos === text.length) return undefined;
  let total = 0;
  while (pos < text.length) {
    GO_COMPONENT.lastIndex = pos;
    const m = GO_COMPONENT.exec(text);
    if (!m) return undefined;
    const [whole, intDigits, fracDigits, unit] = m;
    if (intDigits === '' && (fracDigits === undefined || fracDigits === '')) return undefined;
    const perUnit = NS_PER_UNIT[unit]!;
    total += Number(intDigits || '0') * perUnit;
    if (fracDigits) total += Math.trunc((Number(fracDigits) * perUnit) / 10 ** fracDigits.length);
    pos += whole.length;
  }
  return sign * total;
}

/** Go's Duration.String (as k6 prints durations): "1m30s", "500ms", "2h0m0s", "1.5µs", "0s". */
export function formatDuration(ms: number): string {
  let ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  ns = Math.abs(ns);
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${fixedFraction(ns, 1e3)}µs`;
  if (ns < 1e9) return `${sign}${fixedFraction(ns, 1e6)}ms`;
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const seconds = fixedFraction(ns % 60e9, 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** value/unit as a decimal without trailing zeros, computed on integers (no float noise). */
function fixedFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}
