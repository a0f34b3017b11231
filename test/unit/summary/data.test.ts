import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummaryData } from '../../../runtime/summary/data.ts';
import { fixtureData, fixtureInput } from './fixture.ts';

test('top-level keys and options/state have the shape of the handleSummary data (docs/k6-compatibility.md#end-of-test-summary)', () => {
  const data = fixtureData();
  assert.deepEqual(Object.keys(data), ['root_group', 'options', 'state', 'metrics', 'setup_data']);
  assert.deepEqual(data.options, {
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
    summaryTimeUnit: '',
    noColor: true,
  });
  assert.deepEqual(data.state, { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 10_000 });
  assert.deepEqual(data.setup_data, { topic: 'orders' });
  assert.deepEqual(Object.keys(data.root_group), ['name', 'path', 'id', 'groups', 'checks']);
});

test('setup_data is absent without setup(); summaryTimeUnit is passed through', () => {
  const data = buildSummaryData({ ...fixtureInput(), setupData: undefined, summaryTimeUnit: 'ms' });
  assert.equal('setup_data' in data, false);
  assert.equal(data.options.summaryTimeUnit, 'ms');
});

test('per-type values keys: counter, gauge, rate, and trend = exactly summaryTrendStats in order', () => {
  const { metrics } = fixtureData();
  assert.deepEqual(Object.keys(metrics.iterations!.values), ['count', 'rate']);
  assert.deepEqual(Object.keys(metrics.vus!.values), ['value', 'min', 'max']);
  assert.deepEqual(Object.keys(metrics.checks!.values), ['rate', 'passes', 'fails']);
  // the input also had count and p(99): left out because they are not in summaryTrendStats
  assert.deepEqual(Object.keys(metrics.http_req_duration!.values), ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
  assert.deepEqual(metrics.http_req_duration, {
    type: 'trend',
    contains: 'time',
    values: { avg: 140.3612, min: 119.0832, med: 140.6, max: 291.1477, 'p(90)': 146.88, 'p(95)': 148.2139 },
    thresholds: { 'p(95)<1500': { ok: true, value: 148.2139 } },
  });
});

test('sub-metrics are keyed by their full name; thresholds only where defined', () => {
  const { metrics } = fixtureData();
  assert.ok(metrics['http_req_duration{expected_response:true}']);
  assert.equal('thresholds' in metrics['http_req_duration{expected_response:true}']!, false);
  assert.deepEqual(metrics.kafka_writer_error_count!.thresholds, { 'count == 0': { ok: true } });
  assert.deepEqual(metrics.http_req_failed!.thresholds, { 'rate<0.01': { ok: false, value: 0.02 } });
});

test('a counter without a rate gets count per second of the run', () => {
  const data = buildSummaryData({
    ...fixtureInput(),
    metrics: [{ name: 'msgs', type: 'counter', contains: 'default', values: { count: 50 } }],
  });
  assert.deepEqual(data.metrics.msgs!.values, { count: 50, rate: 5 });
});

test('the data is a copy: later changes to the group snapshot do not leak in', () => {
  const input = fixtureInput();
  const data = buildSummaryData(input);
  input.rootGroup.checks[0]!.passes = 1000;
  assert.equal(data.root_group.checks[0]!.passes, 3);
});

test('data_sent and data_received are always there, 0 when nothing was sent (docs/k6-compatibility.md#metrics-checks-and-groups)', () => {
  const data = buildSummaryData({
    ...fixtureInput(),
    metrics: [{ name: 'iterations', type: 'counter', contains: 'default', values: { count: 1 } }],
  });
  assert.deepEqual(Object.keys(data.metrics), ['data_received', 'data_sent', 'iterations']);
  assert.deepEqual(data.metrics.data_sent, { type: 'counter', contains: 'data', values: { count: 0, rate: 0 } });
  const sent = buildSummaryData({
    ...fixtureInput(),
    metrics: [{ name: 'data_sent', type: 'counter', contains: 'data', values: { count: 7, rate: 7 } }],
  });
  assert.deepEqual(sent.metrics.data_sent!.values, { count: 7, rate: 7 });
  assert.equal(sent.metrics.data_received!.values.count, 0);
});
