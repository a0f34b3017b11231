/** Debian's `prometheus` on a free loopback port with the remote-write receiver and native histograms, for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PrometheusServer {
  readonly url: string;
  readonly writeUrl: string;
  /** a range query over [startSec, endSec]: the result series */
  queryRange(expr: string, startSec: number, endSec: number, stepSec?: number): Promise<RangeSeries[]>;
  /** an instant query at `timeSec`: the result vector */
  query(expr: string, timeSec: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

export interface RangeSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  histograms?: [number, unknown][];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function api<T>(endpoint: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(`${endpoint}?${new URLSearchParams(params)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: T } };
  if (body.status !== 'success') throw new Error(`query ${params.query} failed: ${body.error}`);
  return body.data.result;
}

export async function startPrometheus(): Promise<PrometheusServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-prometheus-'));
  writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--enable-feature=native-histograms',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`prometheus did not get ready on ${url}:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    writeUrl: `${url}/api/v1/write`,
    queryRange: (expr, startSec, endSec, stepSec = 1) =>
      api(`${url}/api/v1/query_range`, { query: expr, start: String(startSec), end: String(endSec), step: String(stepSec) }),
    query: (expr, timeSec) => api(`${url}/api/v1/query`, { query: expr, time: String(timeSec) }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
