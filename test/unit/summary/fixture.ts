/** A small finished run: thresholds (one failing), checks (one failing, one in a group), custom
 * metrics, a sub-metric, and an HTTP timing metric compact mode hides. */
import { buildSummaryData, type SummaryData, type SummaryInput } from '../../../runtime/summary/data.ts';
import { GroupTree } from '../../../runtime/summary/groups.ts';

const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];
const trend = (avg: number, min: number, med: number, max: number, p90: number, p95: number) => ({
  avg,
  min,
  med,
  max,
  'p(90)': p90,
  'p(95)': p95,
  count: 45,
  'p(99)': 999,
});

export function fixtureInput(): SummaryInput {
  const tree = new GroupTree();
  for (let i = 0; i < 3; i++) tree.recordCheck('', 'status is 200', true);
  tree.recordCheck('', 'body has id', true);
  tree.recordCheck('', 'body has id', true);
  tree.recordCheck('', 'body has id', false);
  tree.recordCheck('::kafka', 'message delivered', true);
  return {
    rootGroup: tree.snapshot(),
    summaryTrendStats: TREND_STATS,
    noColor: true,
    isStdOutTTY: false,
    isStdErrTTY: false,
    testRunDurationMs: 10_000,
    setupData: { topic: 'orders' },
    metrics: [
      { name: 'vus', type: 'gauge', contains: 'default', values: { value: 0, min: 0, max: 50 } },
      { name: 'checks', type: 'rate', contains: 'default', values: { rate: 6 / 7, passes: 6, fails: 1 } },
      {
        name: 'http_req_duration',
        type: 'trend',
        contains: 'time',
        values: trend(140.3612, 119.0832, 140.6, 291.1477, 146.88, 148.2139),
        thresholds: { 'p(95)<1500': { ok: true, value: 148.2139 } },
      },
      {
        name: 'http_req_duration{expected_response:true}',
        type: 'trend',
        contains: 'time',
        values: trend(140.3612, 119.0832, 140.6, 291.1477, 146.88, 148.2139),
      },
      {
        name: 'http_req_failed',
        type: 'rate',
        contains: 'default',
        values: { rate: 0.02, passes: 1, fails: 49 },
        thresholds: { 'rate<0.01': { ok: false, value: 0.02 } },
      },
      { name: 'http_req_blocked', type: 'trend', contains: 'time', values: trend(1, 1, 1, 1, 1, 1) },
      { name: 'http_reqs', type: 'counter', contains: 'default', values: { count: 50, rate: 5 } },
      { name: 'iteration_duration', type: 'trend', contains: 'time', values: trend(1412.5, 1370.1, 1400, 65_500, 1430.9, 1450) },
      { name: 'iterations', type: 'counter', contains: 'default', values: { count: 45, rate: 4.5 } },
      { name: 'vus_max', type: 'gauge', contains: 'default', values: { value: 50, min: 50, max: 50 } },
      { name: 'data_received', type: 'counter', contains: 'data', values: { count: 519_240, rate: 51_924 } },
      { name: 'data_sent', type: 'counter', contains: 'data', values: { count: 0, rate: 0 } },
      {
        name: 'kafka_writer_message_count',
        type: 'counter',
        contains: 'default',
        values: { count: 23_864_200, rate: 2_386_420.123456789 },
      },
      {
        name: 'kafka_writer_error_count',
        type: 'counter',
        contains: 'default',
        values: { count: 0, rate: 0 },
        thresholds: { 'count == 0': { ok: true } },
      },
      {
        name: 'e2e_latency',
        type: 'trend',
        contains: 'time',
        values: trend(152.355556, 120, 141, 684, 147.2, 148.8),
        thresholds: { 'p(99)<200': { ok: false, value: 250.5 } },
      },
      { name: 'e2e_latency{topic:orders}', type: 'trend', contains: 'time', values: trend(0.5, 0.0004, 0.25, 12, 9, 10.123) },
      { name: 'queue_depth', type: 'trend', contains: 'default', values: trend(152.3555561, 120, 141, 684, 147.2, 148.8) },
    ],
  };
}

export function fixtureData(): SummaryData {
  return buildSummaryData(fixtureInput());
}
