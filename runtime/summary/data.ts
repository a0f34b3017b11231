/**
 * The `data` argument of handleSummary(), in k6's legacy shape (docs/k6-compatibility.md#end-of-test-summary). Pure: the caller passes
 * the aggregated metric values, the group tree and the run state.
 */
import type { MetricType, ValueType } from '../metrics/metric.ts';
import type { GroupSnapshot } from './groups.ts';

/**
 * k6 gives `{ ok }`. streamprobe adds `value`, the aggregation the threshold compared, so the text
 * summary can print `p(95)=148.21ms` even for stats outside summaryTrendStats. An extra key: scripts
 * reading `ok` are unaffected.
 */
export interface ThresholdResult {
  ok: boolean;
  value?: number;
}

export interface SummaryMetric {
  type: MetricType;
  contains: ValueType;
  values: Record<string, number>;
  thresholds?: Record<string, ThresholdResult>;
}

export interface SummaryData {
  root_group: GroupSnapshot;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  /** keyed by metric name, or sub-metric name `name{tag:value,...}` */
  metrics: Record<string, SummaryMetric>;
  setup_data?: unknown;
}

export interface SummaryMetricInput {
  /** a metric name or a sub-metric name `name{tag:value,...}` */
  name: string;
  type: MetricType;
  contains: ValueType;
  /** the sink's values; for trends it must hold every summaryTrendStats key */
  values: Readonly<Record<string, number>>;
  /** threshold source ⇒ final result; only for metrics that have thresholds */
  thresholds?: Readonly<Record<string, ThresholdResult>>;
}

export interface SummaryInput {
  metrics: readonly SummaryMetricInput[];
  rootGroup: GroupSnapshot;
  summaryTrendStats: readonly string[];
  summaryTimeUnit?: string;
  noColor: boolean;
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
  testRunDurationMs: number;
  /** the JSON-parsed setup() result; undefined when there is none */
  setupData?: unknown;
}

/** k6 reports these in every summary, 0 when nothing was sent (docs/k6-compatibility.md#metrics-checks-and-groups): scripts read them. */
const ALWAYS_REPORTED = ['data_received', 'data_sent'];

export function buildSummaryData(input: SummaryInput): SummaryData {
  const metrics: Record<string, SummaryMetric> = {};
  const missing = ALWAYS_REPORTED.filter((name) => !input.metrics.some((m) => m.name === name));
  const zeros = missing.map((name): SummaryMetricInput => ({ name, type: 'counter', contains: 'data', values: { count: 0 } }));
  const byName = [...input.metrics, ...zeros].sort((a, b) => compareNames(a.name, b.name));
  for (const m of byName) {
    const metric: SummaryMetric = {
      type: m.type,
      contains: m.contains,
      values: summaryValues(m, input.summaryTrendStats, input.testRunDurationMs),
    };
    if (m.thresholds && Object.keys(m.thresholds).length > 0) {
      metric.thresholds = Object.fromEntries(Object.entries(m.thresholds).map(([source, t]) => [source, thresholdResult(t)]));
    }
    metrics[m.name] = metric;
  }
  const data: SummaryData = {
    root_group: structuredClone(input.rootGroup),
    options: {
      summaryTrendStats: [...input.summaryTrendStats],
      summaryTimeUnit: input.summaryTimeUnit ?? '',
      noColor: input.noColor,
    },
    state: {
      isStdOutTTY: input.isStdOutTTY,
      isStdErrTTY: input.isStdErrTTY,
      testRunDurationMs: input.testRunDurationMs,
    },
    metrics,
  };
  if (input.setupData !== undefined) data.setup_data = input.setupData;
  return data;
}

/** The per-type `values` keys of docs/k6-compatibility.md#end-of-test-summary, in k6's order. */
function summaryValues(m: SummaryMetricInput, trendStats: readonly string[], durationMs: number): Record<string, number> {
  const v = m.values;
  switch (m.type) {
    case 'counter': {
      const count = v.count ?? 0;
      return { count, rate: v.rate ?? (durationMs > 0 ? count / (durationMs / 1000) : 0) };
    }
    case 'gauge':
      return { value: v.value ?? 0, min: v.min ?? 0, max: v.max ?? 0 };
    case 'rate':
      return { rate: v.rate ?? 0, passes: v.passes ?? 0, fails: v.fails ?? 0 };
    case 'trend': {
      // A stat the caller did not compute is left out rather than invented.
      const values: Record<string, number> = {};
      for (const stat of trendStats) if (v[stat] !== undefined) values[stat] = v[stat];
      return values;
    }
  }
}

function thresholdResult(t: ThresholdResult): ThresholdResult {
  return t.value === undefined ? { ok: t.ok } : { ok: t.ok, value: t.value };
}

/** Code-unit order, as Go sorts strings (so `http_req_failed` < `http_reqs`). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
