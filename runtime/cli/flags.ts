/** The flags of `streamprobe run` (docs/k6-compatibility.md#cli-environment-and-files) and what each one sets. */
import { ConfigError } from '../errors.ts';
import { OPTION_FIELDS, addOption, isBooleanOption, parseBoolText } from '../options/fields.ts';
import type { OptionKey, Options } from '../options/types.ts';
import { parseKeyValue } from '../options/values.ts';
import { parseModeFlag } from '../classic/mode.ts';
import { parseBounds, parseGuardMode } from '../saturation/guard.ts';
import type { LogFormat, RuntimeSettings } from '../run/run-request.ts';

/** What parsing the flags builds up. */
export interface FlagState {
  readonly options: Options;
  readonly env: Record<string, string>;
  /** only the runtime settings the command line gave */
  readonly runtime: Partial<RuntimeSettings>;
  readonly warnings: string[];
}

export interface Flag {
  readonly long: string;
  readonly short?: string;
  /** boolean flags take no separate value; they get `true` when bare, the text after "=" otherwise */
  readonly boolean: boolean;
  apply(state: FlagState, value: string | true, what: string): void;
}

const ENV_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** a flag for option `key`: boolean if the option is; `parse` overrides the option's text syntax */
function option(long: string, key: OptionKey, short?: string, parse?: (text: string, what: string) => unknown): Flag {
  const { kind } = OPTION_FIELDS[key];
  return {
    long,
    short,
    boolean: isBooleanOption(key),
    apply: (state, value, what) => {
      const parsed = value === true ? true : (parse ?? kind.parse)(value, what);
      addOption(state.options, key, kind.check(parsed, what));
    },
  };
}

function setting<K extends keyof RuntimeSettings>(
  long: string,
  key: K,
  short: string | undefined,
  convert: (value: string | true, what: string) => RuntimeSettings[K],
  boolean: boolean,
): Flag {
  return { long, short, boolean, apply: (state, value, what) => void (state.runtime[key] = convert(value, what)) };
}

const asBool = (value: string | true, what: string): boolean => value === true || parseBoolText(value, what);

function positiveInt(value: string | true, what: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(String(value)) || n < 1) throw new ConfigError(`${what} must be a positive integer, got "${value}"`);
  return n;
}

export function logFormat(value: string | true, what: string): LogFormat {
  if (value === 'text' || value === 'json' || value === 'raw') return value;
  throw new ConfigError(`${what} must be text, json or raw, got "${value}"`);
}

function ignored(long: string, short: string | undefined, boolean: boolean): Flag {
  return {
    long,
    short,
    boolean,
    apply: (state) => void state.warnings.push(`--${long} has no effect in streamprobe and is ignored`),
  };
}

export const RUN_FLAGS: readonly Flag[] = [
  option('vus', 'vus', 'u'),
  option('duration', 'duration', 'd'),
  option('iterations', 'iterations', 'i'),
  option('stage', 'stages', 's'),
  option('out', 'out', 'o', (text) => [text]), // not comma-split: csv=fileName=x,saveInterval=1s is one output
  option('summary-export', 'summaryExport'),
  option('summary-mode', 'summaryMode'),
  option('summary-trend-stats', 'summaryTrendStats'),
  option('summary-time-unit', 'summaryTimeUnit'),
  option('no-thresholds', 'noThresholds'),
  option('tag', 'tags', undefined, (text, what) => Object.fromEntries([parseKeyValue(text, what)])),
  option('system-tags', 'systemTags'),
  option('execution-segment', 'executionSegment'),
  option('execution-segment-sequence', 'executionSegmentSequence'),
  option('no-setup', 'noSetup'),
  option('no-teardown', 'noTeardown'),
  option('throw', 'throw', 'w'),
  option('min-iteration-duration', 'minIterationDuration'),
  option('user-agent', 'userAgent'),
  option('insecure-skip-tls-verify', 'insecureSkipTLSVerify'),
  option('no-connection-reuse', 'noConnectionReuse'),
  option('no-vu-connection-reuse', 'noVUConnectionReuse'),
  option('max-redirects', 'maxRedirects'),
  option('batch', 'batch'),
  option('batch-per-host', 'batchPerHost'),
  option('rps', 'rps'),
  {
    // k6: a bare --http-debug means "headers"; --http-debug=full adds bodies
    long: 'http-debug',
    boolean: true,
    apply: (state, value) => {
      state.options.httpDebug = value === true ? 'headers' : value;
    },
  },
  {
    long: 'no-summary',
    boolean: true,
    apply: (state, value, what) => {
      state.warnings.push('--no-summary is deprecated (removed in k6 v2); use --summary-mode=disabled');
      if (asBool(value, what)) state.options.summaryMode = 'disabled';
    },
  },
  {
    long: 'env',
    short: 'e',
    boolean: false,
    apply: (state, value, what) => {
      // k6: a name without "=" sets an empty value
      const text = value as string;
      const [name, val] = text.includes('=') ? parseKeyValue(text, what) : [text, ''];
      if (!ENV_NAME.test(name)) {
        throw new ConfigError(`${what}: invalid environment variable name "${name}"; use letters, digits and "_"`);
      }
      state.env[name] = val;
    },
  },
  setting('include-system-env-vars', 'includeSystemEnvVars', undefined, asBool, true),
  setting('quiet', 'quiet', 'q', asBool, true),
  setting('no-color', 'noColor', undefined, asBool, true),
  setting('verbose', 'verbose', 'v', asBool, true),
  setting('help', 'help', 'h', asBool, true),
  setting('config', 'configPath', 'c', (v) => v as string, false),
  setting('junit', 'junit', undefined, (v) => v as string, false),
  setting('workers', 'workers', undefined, positiveInt, false),
  setting('mode', 'mode', undefined, (v, what) => parseModeFlag(String(v), what), false),
  setting('log-format', 'logFormat', undefined, logFormat, false),
  setting('saturation-guard', 'saturationGuard', undefined, (v, what) => parseGuardMode(String(v), what), false),
  setting('saturation-bounds', 'saturationBounds', undefined, (v, what) => parseBounds(String(v), what), false),
  setting('web-dashboard', 'webDashboard', undefined, asBool, true),
  ignored('address', 'a', false),
  ignored('linger', 'l', true),
  ignored('no-usage-report', undefined, true),
];
