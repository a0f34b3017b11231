/**
 * The streamprobe pipeline dashboard: Kafka produce and consume rates, end-to-end and window latency,
 * consumer lag, dropped iterations and start lag, accuracy counters, VUs, errors and fault windows —
 * from the `experimental-prometheus-rw` output (k6's metric names, trend stats in seconds). Run with
 * `--tag testid=<id>` and `K6_PROMETHEUS_RW_TREND_STATS=p(50),p(95),p(99)` so every panel has data.
 */
import { annotation, datasourceVariable, labelVariable, layout, type PanelSpec } from './panels.ts';

const sel = '{testid=~"$testid"}';
const rate = (metric: string) => `sum(rate(${metric}${sel}[$__rate_interval]))`;
const quantiles = (trend: string) => (['p99', 'p95', 'p50'] as const).map((q) => ({ expr: `max(k6_${trend}_${q}${sel})`, legend: q }));

const ACCURACY = [
  'records_lost',
  'records_duplicated',
  'records_out_of_order',
  'aggregate_mismatches',
  'aggregate_duplicates',
  'late_dropped',
];

const PANELS: PanelSpec[] = [
  {
    title: 'Produce rate',
    description: 'Records written to Kafka per second (kafka_writer_message_count).',
    unit: 'short',
    width: 8,
    targets: [{ expr: rate('k6_kafka_writer_message_count_total'), legend: 'produced/s' }],
  },
  {
    title: 'Consume rate',
    description: 'Records read from Kafka per second (kafka_reader_message_count).',
    unit: 'short',
    width: 8,
    targets: [{ expr: rate('k6_kafka_reader_message_count_total'), legend: 'consumed/s' }],
  },
  {
    title: 'Virtual users',
    description: 'Active and initialised VUs.',
    unit: 'short',
    width: 8,
    targets: [
      { expr: `sum(k6_vus${sel})`, legend: 'active' },
      { expr: `sum(k6_vus_max${sel})`, legend: 'initialised' },
    ],
  },
  {
    title: 'End-to-end latency',
    description: 'Per-record latency through the pipeline (e2e_latency), percentiles since the start of the test.',
    unit: 's',
    width: 12,
    targets: quantiles('e2e_latency'),
  },
  {
    title: 'Window result latency',
    description: 'Result visible − last contributing event sent, per window (window_result_latency).',
    unit: 's',
    width: 12,
    targets: quantiles('window_result_latency'),
  },
  {
    title: 'Consumer lag',
    description: 'High-water mark − last offset read, per topic and partition (kafka_reader_lag).',
    unit: 'short',
    width: 8,
    targets: [{ expr: `max by (topic, partition) (k6_kafka_reader_lag${sel})`, legend: '{{topic}}/{{partition}}' }],
  },
  {
    title: 'Dropped iterations',
    description: 'Arrivals the executor could not start: not enough VUs (dropped_iterations), per rate interval.',
    unit: 'short',
    width: 8,
    targets: [{ expr: `sum(increase(k6_dropped_iterations_total${sel}[$__rate_interval]))`, legend: 'dropped' }],
  },
  {
    title: 'Iteration start lag',
    description: 'Actual − intended start of arrival-rate iterations (iteration_start_lag): coordinated omission made visible.',
    unit: 's',
    width: 8,
    targets: quantiles('iteration_start_lag').slice(0, 2),
  },
  {
    title: 'Accuracy',
    description: 'What the accuracy oracle found: lost, duplicated and out-of-order records, wrong aggregates, late events dropped.',
    unit: 'short',
    width: 12,
    targets: ACCURACY.map((m) => ({ expr: `sum(k6_${m}_total${sel})`, legend: m })),
  },
  {
    title: 'Errors',
    description: 'Kafka write and read errors per second, and the share of failed checks.',
    unit: 'short',
    width: 12,
    targets: [
      { expr: rate('k6_kafka_writer_error_count_total'), legend: 'write errors/s' },
      { expr: rate('k6_kafka_reader_error_count_total'), legend: 'read errors/s' },
      { expr: `1 - min(k6_checks_rate${sel})`, legend: 'failed checks' },
    ],
  },
];

export function pipelineDashboard(): object {
  return {
    uid: 'streamprobe-pipeline',
    title: 'streamprobe — pipeline',
    description: 'Load, latency and accuracy of a Kafka pipeline under test, from streamprobe or k6 with xk6-kafka.',
    tags: ['streamprobe', 'k6', 'kafka'],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '5s',
    time: { from: 'now-15m', to: 'now' },
    timepicker: {},
    timezone: '',
    links: [],
    annotations: {
      list: [annotation('Faults', `max by (fault) (k6_fault_active${sel}) > 0`, '{{fault}}', 'red')],
    },
    templating: { list: [datasourceVariable(), labelVariable('testid', 'Test id', 'label_values(k6_vus, testid)')] },
    panels: layout(PANELS),
  };
}
