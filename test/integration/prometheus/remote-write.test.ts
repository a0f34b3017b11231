/**
 * A real run with `-o experimental-prometheus-rw` into Debian's Prometheus (remote-write receiver,
 * native histograms), then every panel query of our Grafana dashboard and the applicable queries of
 * k6's official dashboards, with their variables filled, must return data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { count, expectCode, runWithExport, type ExportedSummary } from '../../e2e/cli/run-cli.ts';
import { K6_DASHBOARD_QUERIES, K6_NATIVE_HISTOGRAM_QUERIES, QUANTILE_STATS } from './k6-dashboard-queries.ts';
import { startPrometheus, type PrometheusServer } from './prometheus-server.ts';

const DASHBOARD = new URL('../../../grafana/dashboards/streamprobe-pipeline.json', import.meta.url);
const testid = `it-${process.pid}-${Date.now()}`;
const nativeTestid = `${testid}-native`;

interface Window {
  start: number;
  end: number;
  summary: ExportedSummary;
}

function fill(expr: string, vars: Record<string, string>): string {
  return expr.replace(/\$__rate_interval/g, '1m').replace(/\$\{?(\w+)\}?/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`no value for $${name} in ${expr}`);
    return vars[name]!;
  });
}

describe('experimental-prometheus-rw into a real Prometheus', { timeout: 180_000 }, () => {
  let prom: PrometheusServer;
  let trendStats: Window;
  let native: Window;

  const run = async (id: string, env: Record<string, string>): Promise<Window> => {
    const start = Math.floor(Date.now() / 1000) - 1;
    const r = await runWithExport(
      ['outputs-pipeline.ts', '-o', 'experimental-prometheus-rw', '--tag', `testid=${id}`, '-e', `TOPIC=sp-test-outputs-${id}`],
      {
        env: { K6_PROMETHEUS_RW_SERVER_URL: prom.writeUrl, K6_PROMETHEUS_RW_PUSH_INTERVAL: '1s', ...env },
        timeoutMs: 60_000,
      },
    );
    expectCode(r, 0);
    assert.doesNotMatch(r.stderr, /experimental-prometheus-rw:/, 'no push failed');
    return { start, end: Math.ceil(Date.now() / 1000) + 1, summary: r.summary };
  };

  const hasData = async (expr: string, w: Window) => {
    const result = await prom.queryRange(expr, w.start, w.end);
    const points = result.flatMap((s) => [...(s.values ?? []), ...(s.histograms ?? [])]);
    assert.ok(points.length > 0, `no data for ${expr}`);
    return result;
  };

  before(async () => {
    prom = await startPrometheus();
    trendStats = await run(testid, {
      K6_PROMETHEUS_RW_TREND_STATS: 'p(50),p(95),p(99),min,max,avg,med,count,sum',
      K6_PROMETHEUS_RW_STALE_MARKERS: 'true',
    });
    native = await run(nativeTestid, { K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true' });
  });
  after(async () => {
    await prom?.stop();
  });

  it('every panel query and the fault annotation of the streamprobe dashboard return data', async () => {
    const d = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
      annotations: { list: { expr: string }[] };
    };
    const exprs = [...d.panels.flatMap((p) => p.targets.map((t) => t.expr)), ...d.annotations.list.map((a) => a.expr)];
    assert.ok(exprs.length >= 20);
    for (const expr of exprs) await hasData(fill(expr, { testid }), trendStats);
    const faults = await prom.queryRange(fill(d.annotations.list[0]!.expr, { testid }), trendStats.start, trendStats.end);
    assert.deepEqual(
      faults.map((s) => s.metric.fault),
      ['broker-pause'],
    );
  });

  it('the testid variable finds the run (label_values(k6_vus, testid))', async () => {
    const res = (await (await fetch(`${prom.url}/api/v1/series?match[]=k6_vus`)).json()) as { data: Record<string, string>[] };
    assert.ok(res.data.some((s) => s.testid === testid));
  });

  it("the official k6 dashboard's queries that apply return data", async () => {
    for (const expr of K6_DASHBOARD_QUERIES) {
      const stats = expr.includes('$quantile_stat') ? QUANTILE_STATS : [''];
      for (const quantile_stat of stats) await hasData(fill(expr, { testid, quantile_stat }), trendStats);
    }
  });

  it('names, units and labels follow k6: _total counters, _rate rates, trend stats in seconds, tags as labels', async () => {
    const [written] = await hasData(`k6_kafka_writer_message_count_total{testid="${testid}"}`, trendStats);
    assert.equal(written!.metric.topic, `sp-test-outputs-${testid}`);
    assert.equal(written!.metric.scenario, 'produce');
    assert.equal(written!.metric.group, undefined, 'empty tags are not labels');
    // the final value: the newest sample before the stale marker
    const final = async (selector: string) => Number((await prom.query(`last_over_time(${selector}[10m])`, trendStats.end))[0]!.value[1]);
    const total = count(trendStats.summary, 'kafka_writer_message_count')!;
    assert.ok(total > 400, `${total} records written`);
    assert.equal(
      await final(`k6_kafka_writer_message_count_total{testid="${testid}"}`),
      total,
      'the counter is the running total of the run',
    );
    const p99 = await final(`k6_e2e_latency_p99{testid="${testid}"}`);
    assert.ok(p99 > 0.02 && p99 < 0.05, `e2e p99 ${p99} s is in seconds (samples were 20–50 ms)`);
    assert.equal(await final(`k6_checks_rate{testid="${testid}"}`), 1);
    assert.equal(
      await final(`k6_e2e_latency_count{testid="${testid}"}`),
      total / 2,
      'count (one per produce of 2 records) is not scaled to seconds',
    );
  });

  it('stale markers end every series at the end of the test', async () => {
    const later = Math.ceil(Date.now() / 1000) + 2;
    assert.deepEqual(await prom.query(`k6_vus{testid="${testid}"}`, later), []);
    assert.equal(
      (await prom.query(`k6_vus{testid="${nativeTestid}"}`, later)).length,
      1,
      'without stale markers a series stays for 5 minutes',
    );
  });

  it("native histograms: the official native-histogram dashboard's queries return data", async () => {
    for (const expr of K6_NATIVE_HISTOGRAM_QUERIES) {
      const result = await hasData(fill(expr, { testid: nativeTestid, quantile: '0.99' }), native);
      const values = result
        .flatMap((s) => s.values ?? [])
        .map(([, v]) => Number(v))
        .filter((v) => !Number.isNaN(v));
      assert.ok(values.length > 0 && values.every((v) => v > 0 && v < 10), `${expr}: ${values}`);
    }
    const [h] = await hasData(`k6_e2e_latency_seconds{testid="${nativeTestid}"}`, native);
    assert.ok(h!.histograms!.length > 0, 'e2e_latency arrives as a native histogram');
    const [q] = await hasData(`histogram_quantile(0.5, sum(k6_e2e_latency_seconds{testid="${nativeTestid}"}))`, native);
    const median = Number(q!.values!.at(-1)![1]);
    assert.ok(median > 0.02 && median < 0.05, `median ${median} s within the 20–50 ms the script recorded`);
  });
});
