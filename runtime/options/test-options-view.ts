/**
 * `exec.test.options` (docs/k6-compatibility.md#the-execution-module): the consolidated options as k6 serialises its lib.Options —
 * every key present, null when unset, durations as duration strings, shortcut keys
 * (vus, duration, iterations, stages) left out in favour of `scenarios`; deeply frozen.
 */
import type { ScenarioBase } from '../executors/types.ts';
import { formatDuration } from '../units/duration.ts';
import type { ConsolidatedOptions, OptionKey } from './types.ts';

/** lib.Options keys that keep their merged value (or null) */
const PASS_THROUGH: readonly OptionKey[] = [
  'paused',
  'executionSegment',
  'executionSegmentSequence',
  'noSetup',
  'noTeardown',
  'rps',
  'dns',
  'maxRedirects',
  'userAgent',
  'batch',
  'batchPerHost',
  'httpDebug',
  'insecureSkipTLSVerify',
  'tlsCipherSuites',
  'tlsVersion',
  'tlsAuth',
  'throw',
  'thresholds',
  'blacklistIPs',
  'blockHostnames',
  'hosts',
  'noConnectionReuse',
  'noVUConnectionReuse',
  'ext',
  'summaryTimeUnit',
  'tags',
  'metricSamplesBufferSize',
  'noCookiesReset',
  'discardResponseBodies',
  'consoleOutput',
  'localIPs',
  'cloud',
];

export type TestOptionsView = Readonly<Record<string, unknown>>;

export function testOptionsView(options: ConsolidatedOptions): TestOptionsView {
  const view: Record<string, unknown> = {};
  for (const key of PASS_THROUGH) view[key] = options.merged[key] ?? null;
  view.scenarios = Object.fromEntries(Object.entries(options.scenarios).map(([name, config]) => [name, scenarioView(config)]));
  view.setupTimeout = formatDuration(options.setupTimeoutMs);
  view.teardownTimeout = formatDuration(options.teardownTimeoutMs);
  view.minIterationDuration = options.merged.minIterationDuration === undefined ? null : formatDuration(options.minIterationDurationMs);
  view.summaryTrendStats = options.summaryTrendStats;
  view.systemTags = [...options.systemTags].sort();
  return deepFreeze(JSON.parse(JSON.stringify(view)));
}

/** a normalised scenario back in k6's shape: `fooMs: 30000` → `foo: "30s"`, no `name` */
function scenarioView(config: ScenarioBase): unknown {
  const { name: _name, ...rest } = config;
  return withDurationStrings(rest);
}

function withDurationStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDurationStrings);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) =>
      key.endsWith('Ms') && typeof v === 'number' ? [key.slice(0, -2), formatDuration(v)] : [key, withDurationStrings(v)],
    ),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
