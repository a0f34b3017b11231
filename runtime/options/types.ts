/**
 * Test options as k6 knows them (docs/k6-compatibility.md#options), in their raw, user-facing form (durations as
 * Go-style strings or ms numbers), and the consolidated form the runtime works with.
 */
import type { ScenarioConfig } from '../executors/index.ts';

/** A k6 duration: Go-style string ("1m30s", "2d", "500ms") or a number of milliseconds. */
export type DurationValue = string | number;

export interface StageOption {
  readonly duration: DurationValue;
  readonly target: number;
}

export type ThresholdDefinition =
  | string
  | { readonly threshold: string; readonly abortOnFail?: boolean; readonly delayAbortEval?: DurationValue };

export type SummaryMode = 'compact' | 'full' | 'disabled' | 'legacy';
export type SummaryTimeUnit = 's' | 'ms' | 'us';

/** One `--out name[=arg]` entry; `arg` is the output's own to parse (e.g. csv's `fileName=x.csv,saveInterval=1s`). */
export interface OutputSpec {
  readonly type: string;
  readonly arg: string;
}

/**
 * Options of one layer (config file, script `options`, K6_* env, CLI flags). Every key is optional:
 * unset means "a lower layer or the default decides".
 */
export interface Options {
  vus?: number;
  duration?: DurationValue;
  iterations?: number;
  stages?: StageOption[];
  scenarios?: Record<string, Record<string, unknown>>;
  thresholds?: Record<string, ThresholdDefinition[]>;
  tags?: Record<string, string>;
  summaryTrendStats?: string[];
  summaryTimeUnit?: SummaryTimeUnit;
  setupTimeout?: DurationValue;
  teardownTimeout?: DurationValue;
  noSetup?: boolean;
  noTeardown?: boolean;
  systemTags?: string[];
  executionSegment?: string;
  executionSegmentSequence?: string;
  minIterationDuration?: DurationValue;
  throw?: boolean;

  // k6 takes these from config file, env and CLI only; streamprobe also accepts them from the script.
  noThresholds?: boolean;
  summaryMode?: SummaryMode;
  summaryExport?: string;
  /** raw `name[=arg]` entries */
  out?: string[];

  // HTTP options: passed to k6/http and shown in exec.test.options.
  userAgent?: string;
  httpDebug?: string;
  insecureSkipTLSVerify?: boolean;
  noConnectionReuse?: boolean;
  noVUConnectionReuse?: boolean;
  discardResponseBodies?: boolean;
  noCookiesReset?: boolean;
  maxRedirects?: number;
  batch?: number;
  batchPerHost?: number;
  rps?: number;

  // k6 options without meaning here: accepted, kept as given, shown in exec.test.options.
  paused?: unknown;
  dns?: unknown;
  hosts?: unknown;
  blacklistIPs?: unknown;
  blockHostnames?: unknown;
  tlsAuth?: unknown;
  tlsCipherSuites?: unknown;
  tlsVersion?: unknown;
  ext?: unknown;
  cloud?: unknown;
  metricSamplesBufferSize?: unknown;
  localIPs?: unknown;
  consoleOutput?: unknown;
}

export type OptionKey = keyof Options;

/** Options after precedence, defaults and shortcut derivation (docs/k6-compatibility.md#options). Durations in ms. */
export interface ConsolidatedOptions {
  /** always non-empty; shortcuts became a scenario named "default" */
  readonly scenarios: Readonly<Record<string, ScenarioConfig>>;
  readonly thresholds: Readonly<Record<string, readonly ThresholdDefinition[]>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly summaryTrendStats: readonly string[];
  readonly summaryTimeUnit: SummaryTimeUnit | null;
  readonly setupTimeoutMs: number;
  readonly teardownTimeoutMs: number;
  readonly noSetup: boolean;
  readonly noTeardown: boolean;
  readonly systemTags: readonly string[];
  /** raw segment strings; null = whole test */
  readonly executionSegment: string | null;
  readonly executionSegmentSequence: string | null;
  readonly minIterationDurationMs: number;
  readonly throw: boolean;
  readonly noThresholds: boolean;
  readonly summaryMode: SummaryMode;
  readonly summaryExport: string | null;
  readonly out: readonly OutputSpec[];
  /** all layers merged by precedence, before defaults and derivation (feeds exec.test.options) */
  readonly merged: Readonly<Options>;
  /** overridden shortcuts, ignored options: for the log, one line each */
  readonly warnings: readonly string[];
}
