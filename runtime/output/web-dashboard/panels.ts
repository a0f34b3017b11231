/**
 * What the dashboard charts: one panel per question a pipeline test asks, each drawn only once
 * one of its metrics has samples (Kafka, HTTP, oracle and latency Trends come and go with the script).
 */

/** how the chart formats its values */
export type PanelUnit = 'per-second' | 'ms' | 'count';

export interface SeriesDef {
  readonly label: string;
  readonly metric: string;
  /** an aggregation key of the metric's sink: counter `rate`/`count`, trend `p(95)`/`max`, gauge `value` */
  readonly stat: string;
  /** `period`: the value over each point's period; `total`: the running total since the start */
  readonly scope: 'period' | 'total';
}

export interface PanelDef {
  readonly id: string;
  readonly title: string;
  readonly unit: PanelUnit;
  readonly series: readonly SeriesDef[];
}

const rate = (label: string, metric: string): SeriesDef => ({ label, metric, stat: 'rate', scope: 'period' });
const total = (metric: string): SeriesDef => ({ label: metric, metric, stat: 'count', scope: 'total' });
const percentiles = (metric: string, stats = ['p(50)', 'p(95)', 'p(99)', 'max']): SeriesDef[] =>
  stats.map((stat) => ({ label: stat === 'p(50)' ? 'median' : stat, metric, stat, scope: 'period' }));

/** the counters whose totals are the oracle's verdicts */
export const VERDICT_METRICS: readonly string[] = ['records_lost', 'records_duplicated', 'aggregate_mismatches', 'aggregate_duplicates'];

export const PANELS: readonly PanelDef[] = [
  {
    id: 'throughput',
    title: 'Throughput',
    unit: 'per-second',
    series: [
      rate('iterations/s', 'iterations'),
      rate('produced msg/s', 'kafka_writer_message_count'),
      rate('consumed msg/s', 'kafka_reader_message_count'),
    ],
  },
  { id: 'e2e-latency', title: 'End-to-end latency (e2e_latency)', unit: 'ms', series: percentiles('e2e_latency') },
  {
    id: 'window-latency',
    title: 'Window result latency (window_result_latency)',
    unit: 'ms',
    series: percentiles('window_result_latency'),
  },
  { id: 'iteration-duration', title: 'Iteration duration', unit: 'ms', series: percentiles('iteration_duration') },
  {
    id: 'kafka-write',
    title: 'Kafka write time (kafka_writer_write_seconds)',
    unit: 'ms',
    series: percentiles('kafka_writer_write_seconds'),
  },
  {
    id: 'vus',
    title: 'Virtual users',
    unit: 'count',
    series: [
      { label: 'vus', metric: 'vus', stat: 'value', scope: 'period' },
      { label: 'vus_max', metric: 'vus_max', stat: 'value', scope: 'period' },
    ],
  },
  { id: 'dropped', title: 'Dropped iterations', unit: 'per-second', series: [rate('dropped/s', 'dropped_iterations')] },
  { id: 'start-lag', title: 'Iteration start lag', unit: 'ms', series: percentiles('iteration_start_lag') },
  {
    id: 'http',
    title: 'HTTP requests',
    unit: 'per-second',
    series: [rate('requests/s', 'http_reqs')],
  },
  { id: 'http-duration', title: 'HTTP request duration', unit: 'ms', series: percentiles('http_req_duration') },
  {
    id: 'oracle',
    title: 'Oracle verdicts (running totals)',
    unit: 'count',
    series: VERDICT_METRICS.map(total),
  },
];

/** gauge that is > 0 while the fault named by its `fault` tag is injected */
export const FAULT_METRIC = 'fault_active';

/** `p(95)` → 95, for asking the store for that percentile */
export function percentileOf(stat: string): number | undefined {
  const m = /^p\((.+)\)$/.exec(stat);
  return m ? Number(m[1]) : undefined;
}
