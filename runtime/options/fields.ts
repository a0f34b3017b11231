/**
 * One entry per option: its value kind (how to read it from text, how to check a given value)
 * and its K6_* variable. env-options.ts, cli/args.ts and consolidate.ts all work from this table.
 */
import { ConfigError } from '../errors.ts';
import { parseDuration } from '../units/duration.ts';
import type { OptionKey, Options } from './types.ts';
import { checkSystemTag, checkTrendStat, parseKeyValue, parseOutputSpec, parseStageText } from './values.ts';

export interface Kind {
  /** text of an env var or flag → value (then `check`ed) */
  parse(text: string, what: string): unknown;
  /** validates a value from any layer; returns it as stored in Options */
  check(value: unknown, what: string): unknown;
  /** a flag that may be given several times: how repeated values add up */
  combine?(previous: unknown, next: unknown): unknown;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const int: Kind = {
  parse: (text, what) => {
    if (!/^\s*[0-9]+\s*$/.test(text)) throw new ConfigError(`${what} must be a non-negative integer, got "${text}"`);
    return Number(text);
  },
  check: (v, what) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new ConfigError(`${what} must be a non-negative integer, got ${show(v)}`);
    }
    return v;
  },
};

const BOOL_TEXT: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

const bool: Kind = {
  parse: (text, what) => {
    const b = BOOL_TEXT[text.trim()];
    if (b === undefined) throw new ConfigError(`${what} must be true or false, got "${text}"`);
    return b;
  },
  check: (v, what) => {
    if (typeof v !== 'boolean') throw new ConfigError(`${what} must be true or false, got ${show(v)}`);
    return v;
  },
};

/** k6's (Go strconv.ParseBool) spellings of true and false */
export const parseBoolText = (text: string, what: string): boolean => bool.parse(text, what) as boolean;

const duration: Kind = {
  parse: (text) => text.trim(),
  check: (v, what) => {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new ConfigError(`${what} must be a duration such as "30s" or a number of milliseconds, got ${show(v)}`);
    }
    parseDuration(v, what);
    return v;
  },
};

const string: Kind = {
  parse: (text) => text,
  check: (v, what) => {
    if (typeof v !== 'string') throw new ConfigError(`${what} must be a string, got ${show(v)}`);
    return v;
  },
};

function oneOf(values: readonly string[]): Kind {
  return {
    parse: (text) => text.trim(),
    check: (v, what) => {
      if (typeof v !== 'string' || !values.includes(v)) {
        throw new ConfigError(`${what} must be one of ${values.join(', ')}; got ${show(v)}`);
      }
      return v;
    },
  };
}

const concat = (a: unknown, b: unknown): unknown => [...(a as unknown[]), ...(b as unknown[])];

/** comma-separated in text; each item checked by `checkItem` */
function list(checkItem: (item: string, what: string) => void = () => {}): Kind {
  return {
    parse: (text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    check: (v, what) => {
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
        throw new ConfigError(`${what} must be a list of strings, got ${show(v)}`);
      }
      for (const item of v) checkItem(item, what);
      return v;
    },
    combine: concat,
  };
}

const stages: Kind = {
  parse: (text, what) =>
    text
      .split(',')
      .filter((s) => s.trim() !== '')
      .map((s) => parseStageText(s, what)),
  check: (v, what) => {
    if (!Array.isArray(v) || !v.every(isPlainObject)) {
      throw new ConfigError(`${what} must be a list of {duration, target} objects, got ${show(v)}`);
    }
    v.forEach((stage, i) => {
      // k6 skips stages without a duration; the executor checks targets
      if (stage.duration !== undefined && stage.duration !== null) duration.check(stage.duration, `${what}[${i}].duration`);
    });
    return v;
  },
  combine: concat,
};

const tags: Kind = {
  parse: (text, what) =>
    Object.fromEntries(
      text
        .split(',')
        .filter((s) => s.trim() !== '')
        .map((s) => parseKeyValue(s.trim(), what, true)),
    ),
  check: (v, what) => {
    if (!isPlainObject(v) || !Object.values(v).every((s) => typeof s === 'string')) {
      throw new ConfigError(`${what} must map tag names to string values, got ${show(v)}`);
    }
    return v;
  },
  combine: (a, b) => ({ ...(a as object), ...(b as object) }),
};

/** JSON in text (K6_THRESHOLDS); the module that uses it checks the inside */
const object: Kind = {
  parse: (text, what) => {
    try {
      return JSON.parse(text);
    } catch {
      throw new ConfigError(`${what} must be a JSON object, got "${text}"`);
    }
  },
  check: (v, what) => {
    if (!isPlainObject(v)) throw new ConfigError(`${what} must be an object, got ${show(v)}`);
    return v;
  },
};

const thresholds: Kind = {
  ...object,
  check: (v, what) => {
    object.check(v, what);
    for (const [metric, defs] of Object.entries(v as object)) {
      if (!Array.isArray(defs)) {
        throw new ConfigError(`${what}: thresholds of "${metric}" must be a list, e.g. ["p(95)<200"], got ${show(defs)}`);
      }
    }
    return v;
  },
};

const scenarios: Kind = {
  ...object,
  check: (v, what) => {
    object.check(v, what);
    for (const [name, scenario] of Object.entries(v as object)) {
      if (!isPlainObject(scenario)) throw new ConfigError(`${what}: scenario "${name}" must be an object, got ${show(scenario)}`);
    }
    return v;
  },
};

/** kept as given */
const any: Kind = { parse: (text) => text, check: (v) => v };

const out = list((item, what) => void parseOutputSpec(item, what));

export interface Field {
  readonly kind: Kind;
  readonly env?: string;
}

export const OPTION_FIELDS: Readonly<Record<OptionKey, Field>> = {
  vus: { kind: int, env: 'K6_VUS' },
  duration: { kind: duration, env: 'K6_DURATION' },
  iterations: { kind: int, env: 'K6_ITERATIONS' },
  stages: { kind: stages, env: 'K6_STAGES' },
  scenarios: { kind: scenarios },
  thresholds: { kind: thresholds, env: 'K6_THRESHOLDS' },
  tags: { kind: tags, env: 'K6_TAGS' },
  summaryTrendStats: { kind: list(checkTrendStat), env: 'K6_SUMMARY_TREND_STATS' },
  summaryTimeUnit: { kind: oneOf(['s', 'ms', 'us']), env: 'K6_SUMMARY_TIME_UNIT' },
  setupTimeout: { kind: duration, env: 'K6_SETUP_TIMEOUT' },
  teardownTimeout: { kind: duration, env: 'K6_TEARDOWN_TIMEOUT' },
  noSetup: { kind: bool, env: 'K6_NO_SETUP' },
  noTeardown: { kind: bool, env: 'K6_NO_TEARDOWN' },
  systemTags: { kind: list(checkSystemTag), env: 'K6_SYSTEM_TAGS' },
  executionSegment: { kind: string },
  executionSegmentSequence: { kind: string },
  minIterationDuration: { kind: duration, env: 'K6_MIN_ITERATION_DURATION' },
  throw: { kind: bool, env: 'K6_THROW' },
  noThresholds: { kind: bool, env: 'K6_NO_THRESHOLDS' },
  summaryMode: { kind: oneOf(['compact', 'full', 'disabled', 'legacy']), env: 'K6_SUMMARY_MODE' },
  summaryExport: { kind: string, env: 'K6_SUMMARY_EXPORT' },
  out: { kind: out, env: 'K6_OUT' },
  userAgent: { kind: string, env: 'K6_USER_AGENT' },
  httpDebug: { kind: string, env: 'K6_HTTP_DEBUG' },
  insecureSkipTLSVerify: { kind: bool, env: 'K6_INSECURE_SKIP_TLS_VERIFY' },
  noConnectionReuse: { kind: bool, env: 'K6_NO_CONNECTION_REUSE' },
  noVUConnectionReuse: { kind: bool, env: 'K6_NO_VU_CONNECTION_REUSE' },
  discardResponseBodies: { kind: bool, env: 'K6_DISCARD_RESPONSE_BODIES' },
  noCookiesReset: { kind: bool, env: 'K6_NO_COOKIES_RESET' },
  maxRedirects: { kind: int, env: 'K6_MAX_REDIRECTS' },
  batch: { kind: int, env: 'K6_BATCH' },
  batchPerHost: { kind: int, env: 'K6_BATCH_PER_HOST' },
  rps: { kind: int, env: 'K6_RPS' },
  paused: { kind: any },
  dns: { kind: any },
  hosts: { kind: any },
  blacklistIPs: { kind: any },
  blockHostnames: { kind: any },
  tlsAuth: { kind: any },
  tlsCipherSuites: { kind: any },
  tlsVersion: { kind: any },
  ext: { kind: any },
  cloud: { kind: any },
  metricSamplesBufferSize: { kind: any },
  localIPs: { kind: any },
  consoleOutput: { kind: any },
};

export function isOptionKey(key: string): key is OptionKey {
  return Object.hasOwn(OPTION_FIELDS, key);
}

export function isBooleanOption(key: OptionKey): boolean {
  return OPTION_FIELDS[key].kind === bool;
}

/** text of an env var or flag → checked option value */
export function optionFromText(key: OptionKey, text: string, what: string): unknown {
  const { kind } = OPTION_FIELDS[key];
  return kind.check(kind.parse(text, what), what);
}

/** sets `key` in `options`, adding to an earlier value for repeatable kinds */
export function addOption(options: Options, key: OptionKey, value: unknown): void {
  const { combine } = OPTION_FIELDS[key].kind;
  const previous = options[key];
  (options as Record<string, unknown>)[key] = combine && previous !== undefined ? combine(previous, value) : value;
}
