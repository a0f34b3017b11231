/**
 * `-o experimental-prometheus-rw`: every push interval, the series that got samples since the last
 * push, with their values cumulative since the start of the test (as k6 sends them).
 */
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { MetricDef, Tags } from '../../metrics/metric.ts';
import type { TrendSnapshot } from '../../metrics/sinks/trend.ts';
import { MetricStore } from '../../metrics/store.ts';
import { tagSetKey } from '../../metrics/tags.ts';
import { percentilesOf } from '../../summary/trend-stats.ts';
import type { MetricsInterval, Output, OutputContext } from '../output.ts';
import { prometheusRWConfig, type PrometheusRWConfig } from './config.ts';
import { mapSeries, type PromSeries } from './mapping.ts';
import { compressedWriteRequest } from './write-request.ts';

/** k6's hard-coded client timeout */
const TIMEOUT_MS = 5000;
/** Prometheus' stale marker: this exact NaN bit pattern */
const STALE_NAN = new DataView(new Uint8Array([0x7f, 0xf0, 0, 0, 0, 0, 0, 0x02]).buffer).getFloat64(0);

export function prometheusRemoteWriteOutput(_arg: string, ctx: OutputContext): Output {
  const config = prometheusRWConfig(ctx.env);
  const cumulative = new MetricStore();
  /** series touched since the last push, with the time of their latest interval */
  const dirty = new Map<string, { def: MetricDef; tags: Tags; timeMs: number }>();
  /** every series name+labels ever sent, for stale markers */
  const sent = new Map<string, PromSeries['labels']>();
  const query = { percentiles: percentilesOf(config.trendStats) };
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const push = (series: PromSeries[]) => {
    if (series.length === 0) return;
    const body = compressedWriteRequest(series);
    inFlight = inFlight.then(() =>
      post(config, body).catch((err: Error) => ctx.log.error(`output experimental-prometheus-rw: ${err.message}`)),
    );
  };

  const flush = () => {
    const out: PromSeries[] = [];
    for (const { def, tags, timeMs } of dirty.values()) {
      const series = cumulative.series(def, tags);
      const trend = def.type === 'trend' && config.trendAsNativeHistogram ? (series.sink.snapshot() as TrendSnapshot) : undefined;
      for (const p of mapSeries({ def, tags, values: series.sink.values(query), trend }, Math.floor(timeMs), config)) {
        out.push(p);
        sent.set(p.labels.map((l) => `${l.name}=${l.value}`).join('\0'), p.labels);
      }
    }
    dirty.clear();
    push(out);
  };

  return {
    description: `experimental-prometheus-rw (${config.serverUrl.href})`,
    async start() {
      timer = setInterval(flush, config.pushIntervalMs);
    },
    addMetrics({ timeMs, delta }: MetricsInterval) {
      cumulative.merge({ metrics: delta.metrics, series: delta.series.map(({ metric, tags, data }) => ({ metric, tags, data })) });
      const defs = new Map(delta.metrics.map((d) => [d.name, d]));
      for (const s of delta.series) dirty.set(`${s.metric}\0${tagSetKey(s.tags)}`, { def: defs.get(s.metric)!, tags: s.tags, timeMs });
    },
    async stop() {
      clearInterval(timer);
      flush();
      if (config.staleMarkers) {
        const timestamp = Date.now() + 1;
        push([...sent.values()].map((labels) => ({ labels, samples: [{ value: STALE_NAN, timestamp }], histograms: [] })));
      }
      await inFlight;
    },
  };
}

function post(config: PrometheusRWConfig, body: Buffer): Promise<void> {
  const url = config.serverUrl;
  const client = url.protocol === 'https:' ? https : http;
  const tls =
    url.protocol === 'https:'
      ? {
          rejectUnauthorized: !config.insecureSkipTLSVerify,
          minVersion: config.tlsMinVersion,
          cert: config.clientCertificate ? readFileSync(config.clientCertificate) : undefined,
          key: config.clientCertificateKey ? readFileSync(config.clientCertificateKey) : undefined,
        }
      : {};
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        timeout: TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/x-protobuf',
          'Content-Encoding': 'snappy',
          'X-Prometheus-Remote-Write-Version': '0.1.0',
          'User-Agent': 'streamprobe',
          ...config.headers,
        },
        ...tls,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if ((res.statusCode ?? 0) < 300) resolve();
          else reject(new Error(`${url.href} answered ${res.statusCode}: ${text.trim().slice(0, 300)}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.href} within ${TIMEOUT_MS / 1000}s`)));
    req.on('error', (err) =>
      reject(
        new Error(
          `cannot push to ${url.href}: ${err.message}; is the remote-write receiver running (prometheus --web.enable-remote-write-receiver)?`,
        ),
      ),
    );
    req.end(body);
  });
}
