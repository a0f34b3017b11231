/**
 * The web dashboard in a real browser: a short Kafka run through the CLI with the live dashboard on
 * a free port and the HTML report exported; headless Chromium (Debian's, no network) opens both and
 * reads the charts' data and the thresholds table. Screenshots go to test-output/web-dashboard/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expectCode, ROOT, runCli, scratchDir, type CliResult } from './run-cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-output/web-dashboard');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForServer(url: string, run: Promise<CliResult>): Promise<void> {
  let ended: CliResult | undefined;
  void run.then((r) => (ended = r));
  for (let i = 0; i < 600; i++) {
    if (ended) throw new Error(`the run ended before the dashboard answered (exit ${ended.code})\n${ended.stderr}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no web dashboard at ${url} within 60 s`);
}

interface ChartInfo {
  id: string;
  canvas: boolean;
  /** per series: label and how many points have a value */
  series: [string, number][];
}

const charts = (page: Page): Promise<ChartInfo[]> =>
  page.evaluate(() =>
    Object.entries(window.dashboardCharts).map(([id, u]) => ({
      id,
      canvas: u.root.querySelector('canvas') !== null,
      series: u.series
        .slice(1)
        .map((s, i): [string, number] => [
          String(s.label),
          Array.from(u.data[i + 1]! as ArrayLike<number | null>).filter((v) => v != null).length,
        ]),
    })),
  );

const thresholdRows = (page: Page) =>
  page.$$eval('#thresholds tbody tr', (rows) =>
    rows.map((r) => [(r as HTMLElement).dataset.metric, (r as HTMLElement).dataset.threshold, (r as HTMLElement).dataset.status]),
  );

const EXPECTED_THRESHOLDS = [
  ['kafka_writer_message_count', 'count > 0', 'pass'],
  ['e2e_latency', 'p(95) < 60000', 'pass'],
  ['records_lost', 'count < 1', 'fail'],
];

/** every chart drawn on a canvas, every series with data; the panels this run's metrics call for */
function assertChartsHaveData(info: ChartInfo[]): void {
  const ids = info.map((c) => c.id);
  for (const id of ['throughput', 'e2e-latency', 'iteration-duration', 'kafka-write', 'vus', 'dropped', 'start-lag', 'oracle']) {
    assert.ok(ids.includes(id), `panel ${id} missing; got ${ids.join(', ')}`);
  }
  assert.ok(!ids.includes('http'), 'no HTTP panel without HTTP requests');
  for (const c of info) {
    assert.ok(c.canvas, `chart ${c.id} has no canvas`);
    for (const [label, points] of c.series) assert.ok(points > 0, `series ${label} of ${c.id} is empty`);
  }
  const throughput = info.find((c) => c.id === 'throughput')!.series.map(([label]) => label);
  assert.deepEqual(throughput, ['iterations/s', 'produced msg/s', 'consumed msg/s']);
}

describe('web dashboard and HTML report in headless Chromium', { timeout: 180_000 }, () => {
  const scratch = scratchDir();
  const profile = mkdtempSync(path.join(tmpdir(), 'streamprobe-chromium-'));
  let browser: BrowserContext;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    console.log(`screenshots: ${SHOTS}`);
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1600 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // no network: only the dashboard's own server and the report file may load
    await browser.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith('file:') || url.startsWith('http://127.0.0.1:') ? route.continue() : route.abort();
    });
  });

  after(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
    scratch.cleanup();
  });

  it('shows the live run, keeps the final state while open, and exports the same as a report', async () => {
    const port = await freePort();
    const report = scratch.file('report.html');
    const run = runCli(['dashboard.ts'], {
      timeoutMs: 150_000,
      env: {
        K6_WEB_DASHBOARD: 'true',
        K6_WEB_DASHBOARD_PORT: String(port),
        K6_WEB_DASHBOARD_PERIOD: '1s',
        K6_WEB_DASHBOARD_EXPORT: report,
        DASHBOARD_TOPIC: `sp-test-dashboard-${process.pid}-${Date.now()}`,
      },
    });
    const url = `http://127.0.0.1:${port}/`;
    await waitForServer(url, run);

    const live = await browser.newPage();
    await live.goto(url);
    // while running: points arrive over server-sent events
    await live.waitForFunction(() => (window.dashboardView?.times.length ?? 0) >= 3 && !window.dashboardView?.end, undefined, {
      timeout: 60_000,
    });
    assert.equal(await live.textContent('#state').then((t) => t?.startsWith('running')), true);
    await live.screenshot({ path: path.join(SHOTS, 'live-running.png'), fullPage: true });

    // the end: the final state stays served while the page is open
    await live.waitForFunction(() => window.dashboardView?.end !== undefined, undefined, { timeout: 90_000 });
    assertChartsHaveData(await charts(live));
    assert.deepEqual(await thresholdRows(live), EXPECTED_THRESHOLDS);
    assert.deepEqual(await live.evaluate(() => window.dashboardView!.faults.map((f) => f.fault)), ['broker-pause']);
    assert.match((await live.textContent('#state')) ?? '', /exit code 99/);
    await live.screenshot({ path: path.join(SHOTS, 'live-final.png'), fullPage: true });
    await live.close();

    const result = await run;
    expectCode(result, 99);
    assert.match(result.stderr, /waiting for 1 open browser window/);

    const requests: string[] = [];
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${report}`);
    await page.waitForFunction(() => window.dashboardView?.end !== undefined);
    assertChartsHaveData(await charts(page));
    assert.deepEqual(await thresholdRows(page), EXPECTED_THRESHOLDS);
    assert.ok((await page.$$('#summary tr[data-metric="kafka_writer_message_count"]')).length === 1, 'summary table lists the metrics');
    assert.deepEqual(requests, [`file://${report}`], 'the report loads nothing else');
    await page.screenshot({ path: path.join(SHOTS, 'report.png'), fullPage: true });
    await page.close();
  });
});
