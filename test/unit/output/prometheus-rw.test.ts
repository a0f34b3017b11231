/** The remote-write output's pure parts: k6's name and label mapping, native histograms, config, the wire format. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TrendSink } from '../../../runtime/metrics/sinks/trend.ts';
import type { MetricDef } from '../../../runtime/metrics/metric.ts';
import { prometheusRWConfig } from '../../../runtime/output/prometheus-rw/config.ts';
import { labelsOf, mapSeries, statSuffix } from '../../../runtime/output/prometheus-rw/mapping.ts';
import { bucketIndex, nativeHistogram, spansAndDeltas } from '../../../runtime/output/prometheus-rw/native-histogram.ts';
import { compressedWriteRequest, decodeWriteRequest } from '../../../runtime/output/prometheus-rw/write-request.ts';

const def = (name: string, type: MetricDef['type'], contains: MetricDef['contains'] = 'default'): MetricDef => ({ name, type, contains });
const opts = { trendStats: ['p(99)', 'p(99.9)', 'avg', 'count'], trendAsNativeHistogram: false, labels: {} };
const names = (series: ReturnType<typeof mapSeries>) => series.map((s) => [s.labels[0]!.value, s.samples[0]?.value]);

describe('prometheus remote-write mapping', () => {
  it('counters _total, rates _rate, gauges as they are', () => {
    assert.deepEqual(names(mapSeries({ def: def('iterations', 'counter'), tags: {}, values: { count: 7, rate: 1 } }, 5, opts)), [
      ['k6_iterations_total', 7],
    ]);
    assert.deepEqual(names(mapSeries({ def: def('checks', 'rate'), tags: {}, values: { rate: 0.5 } }, 5, opts)), [['k6_checks_rate', 0.5]]);
    assert.deepEqual(names(mapSeries({ def: def('vus', 'gauge'), tags: {}, values: { value: 3, min: 0, max: 3 } }, 5, opts)), [
      ['k6_vus', 3],
    ]);
  });

  it('trend stats as gauges named after the stat, time trends in seconds, count unscaled', () => {
    const values = { 'p(99)': 250, 'p(99.9)': 400, avg: 100, count: 12 };
    assert.deepEqual(names(mapSeries({ def: def('http_req_duration', 'trend', 'time'), tags: {}, values }, 5, opts)), [
      ['k6_http_req_duration_p99', 0.25],
      ['k6_http_req_duration_p999', 0.4],
      ['k6_http_req_duration_avg', 0.1],
      ['k6_http_req_duration_count', 12],
    ]);
    assert.deepEqual(names(mapSeries({ def: def('size', 'trend', 'data'), tags: {}, values }, 5, opts))[0], ['k6_size_p99', 250]);
    assert.equal(statSuffix('p(0.95)'), 'p095');
    assert.equal(statSuffix('med'), 'med');
  });

  it('labels: sorted, empty tags dropped, tags win over static labels, __name__ included', () => {
    assert.deepEqual(labelsOf('k6_vus', { testid: 'a', group: '', scenario: 's' }, { testid: 'static', env: 'ci' }), [
      { name: '__name__', value: 'k6_vus' },
      { name: 'env', value: 'ci' },
      { name: 'scenario', value: 's' },
      { name: 'testid', value: 'a' },
    ]);
  });

  it('native histograms: k6_<name>_seconds for time trends, schema-3 buckets, counts and sum in seconds', () => {
    const sink = new TrendSink();
    for (const v of [10, 10, 20, 1100]) sink.add(v);
    const snap = sink.snapshot();
    const [s] = mapSeries({ def: def('e2e_latency', 'trend', 'time'), tags: {}, values: sink.values(), trend: snap }, 9, {
      ...opts,
      trendAsNativeHistogram: true,
    });
    assert.equal(s!.labels[0]!.value, 'k6_e2e_latency_seconds');
    const h = s!.histograms[0]!;
    assert.equal(h.countInt, 4);
    assert.ok(Math.abs(h.sum - 1.14) < 1e-12);
    assert.equal(h.schema, 3);
    // 0.01 s, 0.02 s and 1.1 s: indexes ceil(log2(v)·8)
    assert.deepEqual([bucketIndex(0.01), bucketIndex(0.02), bucketIndex(1.1), bucketIndex(1)], [-53, -45, 2, 0]);
    assert.deepEqual(h.positiveSpans, [
      { offset: -53, length: 1 },
      { offset: 7, length: 1 },
      { offset: 46, length: 1 },
    ]);
    assert.deepEqual(h.positiveDeltas, [2, -1, 0]);
    assert.equal(nativeHistogram(new TrendSink().snapshot(), 0, 0, 1, 0).positiveSpans.length, 0);
  });

  it('spans join consecutive buckets; deltas are differences of consecutive counts', () => {
    assert.deepEqual(
      spansAndDeltas(
        new Map([
          [3, 1],
          [4, 5],
          [5, 2],
          [9, 2],
        ]),
      ),
      {
        spans: [
          { offset: 3, length: 3 },
          { offset: 3, length: 1 },
        ],
        deltas: [1, 4, -3, 0],
      },
    );
  });

  it('the write request survives protobuf + snappy', () => {
    const series = mapSeries({ def: def('iterations', 'counter'), tags: { testid: 'x' }, values: { count: 3 } }, 1_700_000_000_123, opts);
    const back = decodeWriteRequest(compressedWriteRequest(series));
    assert.deepEqual(back.timeseries[0]!.labels, series[0]!.labels);
    assert.deepEqual(back.timeseries[0]!.samples, [{ value: 3, timestamp: 1_700_000_000_123 }]);
  });
});

describe('prometheus remote-write config (K6_PROMETHEUS_RW_*)', () => {
  it("k6's defaults", () => {
    const c = prometheusRWConfig({});
    assert.equal(c.serverUrl.href, 'http://localhost:9090/api/v1/write');
    assert.equal(c.pushIntervalMs, 5000);
    assert.deepEqual(c.trendStats, ['p(99)']);
    assert.equal(c.trendAsNativeHistogram, false);
    assert.equal(c.staleMarkers, false);
    assert.deepEqual(c.headers, {});
  });

  it('headers, basic auth, bearer token, static labels, trend stats', () => {
    const c = prometheusRWConfig({
      K6_PROMETHEUS_RW_HTTP_HEADERS: 'X-A:1, X-B: two',
      K6_PROMETHEUS_RW_HEADERS_X_Scope_OrgID: 'tenant',
      K6_PROMETHEUS_RW_USERNAME: 'u',
      K6_PROMETHEUS_RW_PASSWORD: 'p',
      K6_PROMETHEUS_RW_LABELS: 'env=ci,team=data',
      K6_PROMETHEUS_RW_TREND_STATS: 'p(95),sum,max',
      K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true',
    });
    assert.deepEqual(c.headers, {
      'X-A': '1',
      'X-B': 'two',
      X_Scope_OrgID: 'tenant',
      Authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    assert.deepEqual(c.labels, { env: 'ci', team: 'data' });
    assert.deepEqual(c.trendStats, ['p(95)', 'sum', 'max']);
    assert.equal(c.trendAsNativeHistogram, true);
    assert.equal(prometheusRWConfig({ K6_PROMETHEUS_RW_BEARER_TOKEN: 't' }).headers.Authorization, 'Bearer t');
  });

  it('mistakes name the variable and the fix', () => {
    assert.throws(
      () => prometheusRWConfig({ K6_PROMETHEUS_RW_TREND_STATS: 'p99' }),
      /K6_PROMETHEUS_RW_TREND_STATS: invalid trend stat "p99"/,
    );
    assert.throws(() => prometheusRWConfig({ K6_PROMETHEUS_RW_SERVER_URL: 'nope' }), /SERVER_URL: "nope" is not a URL/);
    assert.throws(() => prometheusRWConfig({ K6_PROMETHEUS_RW_SIGV4_REGION: 'eu-west-1' }), /SigV4/);
  });
});
