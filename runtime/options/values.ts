/** Known values and the parsers of single option values shared by env, CLI and script layers. */
import { ConfigError } from '../errors.ts';
import type { OutputSpec, StageOption } from './types.ts';

/** k6 metrics/system_tag.go (docs/k6-compatibility.md#metrics-checks-and-groups) */
export const SYSTEM_TAGS = [
  'proto',
  'subproto',
  'status',
  'method',
  'url',
  'name',
  'group',
  'check',
  'error',
  'error_code',
  'tls_version',
  'scenario',
  'service',
  'expected_response',
  'iter',
  'vu',
  'ocsp_status',
  'ip',
] as const;

/** all but the non-indexable vu/iter and ocsp_status/ip */
const NOT_DEFAULT: ReadonlySet<string> = new Set(['iter', 'vu', 'ocsp_status', 'ip']);
export const DEFAULT_SYSTEM_TAGS: readonly string[] = SYSTEM_TAGS.filter((t) => !NOT_DEFAULT.has(t));

export const DEFAULT_SUMMARY_TREND_STATS: readonly string[] = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

export function checkSystemTag(tag: string, what: string): void {
  if (!(SYSTEM_TAGS as readonly string[]).includes(tag)) {
    throw new ConfigError(`${what}: unknown system tag "${tag}"; known tags: ${SYSTEM_TAGS.join(', ')}`);
  }
}

const PERCENTILE = /^p\(([0-9]+(?:\.[0-9]+)?)\)$/;

export function checkTrendStat(stat: string, what: string): void {
  if (['avg', 'min', 'med', 'max', 'count'].includes(stat)) return;
  const p = PERCENTILE.exec(stat);
  if (p && Number(p[1]) <= 100) return;
  throw new ConfigError(`${what}: invalid trend stat "${stat}"; use avg, min, med, max, count or p(N) with 0 ≤ N ≤ 100, e.g. p(99.9)`);
}

/** `name[=arg]`, as `--out json=results.json` */
export function parseOutputSpec(text: string, what: string): OutputSpec {
  const eq = text.indexOf('=');
  const type = (eq === -1 ? text : text.slice(0, eq)).trim();
  if (type === '') {
    throw new ConfigError(`${what}: "${text}" names no output; use name[=arg], e.g. json=results.json`);
  }
  return { type, arg: eq === -1 ? '' : text.slice(eq + 1) };
}

/** `DURATION:TARGET`, as `--stage 30s:10` */
export function parseStageText(text: string, what: string): StageOption {
  const m = /^([^:]+):([0-9]+)$/.exec(text.trim());
  if (!m) throw new ConfigError(`${what}: invalid stage "${text}"; use DURATION:TARGET, e.g. 30s:10`);
  return { duration: m[1]!, target: Number(m[2]) };
}

/** `KEY=VALUE`; `KEY:VALUE` too when `colonToo` (K6_TAGS uses envconfig's map syntax). */
export function parseKeyValue(text: string, what: string, colonToo = false): [string, string] {
  let sep = text.indexOf('=');
  if (sep === -1 && colonToo) sep = text.indexOf(':');
  if (sep <= 0) throw new ConfigError(`${what}: "${text}" is not of the form NAME=VALUE`);
  return [text.slice(0, sep), text.slice(sep + 1)];
}
