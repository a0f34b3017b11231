/**
 * Reads the end-of-test results `compare` works on, from either engine (streamprobe or real k6):
 * `--summary-export` JSON (metrics flattened to their values, a Rate's `rate` called `value`) or
 * handleSummary's `data` (`metrics[name].values`). A file may also hold several runs: a JSON
 * array of those, or `{ "runs": [...] }`.
 */
import type { MetricType } from '../metrics/metric.ts';

export interface RunMetric {
  readonly type: MetricType;
  /** true when the file says its values are times (ms); undefined when it does not say */
  readonly time?: boolean;
  /** aggregation key ⇒ value; a Rate's fraction is always `rate` */
  readonly values: Readonly<Record<string, number>>;
}

export type RunMetrics = Readonly<Record<string, RunMetric>>;

const TYPES: readonly string[] = ['counter', 'gauge', 'rate', 'trend'];

/** The runs in a parsed summary file; throws an Error naming what is wrong. */
export function runsOf(json: unknown): RunMetrics[] {
  if (Array.isArray(json)) return json.flatMap((run) => runsOf(run));
  if (isObject(json) && Array.isArray(json.runs)) return runsOf(json.runs);
  if (!isObject(json) || !isObject(json.metrics)) {
    throw new Error(
      'not a k6 summary: expected an object with "metrics" (from --summary-export or handleSummary), an array of them, or {"runs": [...]}',
    );
  }
  const metrics: Record<string, RunMetric> = {};
  for (const [name, raw] of Object.entries(json.metrics)) {
    if (isObject(raw)) metrics[name] = isObject(raw.values) ? fromSummaryData(raw) : fromExport(name, raw);
  }
  return [metrics];
}

function fromSummaryData(raw: Record<string, unknown>): RunMetric {
  const values = numbers(raw.values as Record<string, unknown>);
  const type = typeof raw.type === 'string' && TYPES.includes(raw.type) ? (raw.type as MetricType) : inferType(values);
  return { type, time: raw.contains === undefined ? undefined : raw.contains === 'time', values };
}

/** The export does not say which trends hold times; k6's and xk6-kafka's names do. */
const TIME_NAME = /(duration|_seconds|_latency|_lag|_delay|_time)$/;

function fromExport(name: string, raw: Record<string, unknown>): RunMetric {
  const values = numbers(raw);
  const type = inferType(values);
  if (type === 'rate' && values.value !== undefined) {
    values.rate = values.value;
    delete values.value;
  }
  return { type, time: type === 'trend' && TIME_NAME.test(name.replace(/\{.*$/, '')) ? true : undefined, values };
}

/** The export has no types; its keys tell them apart (docs/k6-compatibility.md#end-of-test-summary). */
function inferType(v: Record<string, number>): MetricType {
  if ('passes' in v && 'fails' in v) return 'rate';
  if ('count' in v && 'rate' in v) return 'counter';
  if ('value' in v && !('avg' in v)) return 'gauge';
  return 'trend';
}

function numbers(raw: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'number') out[key] = value;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
