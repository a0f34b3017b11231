/**
 * The verification of a pipeline run, in one VU from the start of the load: watch the outputs
 * while the load runs (latency needs the time results became visible), then read the ledger,
 * wait for the pipeline to drain, diff every output, emit the oracle's metrics and print its verdict.
 */
import { sleep } from 'k6';
import exec from 'k6/execution';
import { eventTimeLatencyMs, slowestWindowEnds, type WindowEndLatency, windowEndLine, windowResultLatencyMs } from '../latency.ts';
import { diffAggregates, type SourceDiff } from '../oracle/diff.ts';
import { ExpectedAggregates, type ExpectedWindow } from '../oracle/expected.ts';
import { Ledger } from '../oracle/ledger.ts';
import { oracleMetrics, verdictText, type OracleFindings } from '../oracle/verdict.ts';
import { diffLake, queryWindows, type HttpGet } from './http-outputs.ts';
import { readLedger, type LedgerTally } from './ledger-reader.ts';
import { emitOracleMetrics, latency } from './metrics.ts';
import { OutputWatcher } from './outputs.ts';
import type { PipelineSettings } from './settings.ts';

export interface VerifyOptions {
  settings: PipelineSettings;
  runId: string;
  /** epoch ms when the load ends (its last record is sent by then) */
  loadEndMs: number;
  /** epoch ms when the load's ramp ends: windows whose newest record was sent before it are tagged `stage: ramp` */
  steadyFromMs: number;
  /** k6/http's get, to also check Redis, the state stores and the lake; without it only Kafka is checked */
  http?: HttpGet;
  /** check the lake too (needs `http`) */
  lake?: boolean;
}

/** how often the verification looks at what the output readers collected, s */
const WAIT_STEP_S = 0.1;
/** how long after the last expected window a repeated emission is still looked for, s */
const REPEAT_WAIT_S = 0.5;

export async function verifyPipeline(o: VerifyOptions): Promise<OracleFindings> {
  const { settings, runId } = o;
  const s = settings.semantics;
  const watcher = new OutputWatcher(settings, runId);
  try {
    while (Date.now() < o.loadEndMs) await watcher.wait(WAIT_STEP_S);
    const ledger = new Ledger();
    const expected = new ExpectedAggregates(s);
    const tally = await readLedger(settings.topics.events, runId, ledger, expected);
    if (ledger.records === 0) {
      exec.test.abort(
        `the input topic ${settings.topics.events} holds no record of run ${runId}: is PREFIX the pipeline's topic prefix, and did the load reach Kafka?`,
      );
    }
    const windows = expected.finish(tally.lastSentMs);
    const exact = [...windows.entries()].filter(([, w]) => !w.uncertain);
    // the last windows close by idle-close once the input stops
    const deadline = Math.max(o.loadEndMs + settings.drainTimeoutMs, Date.now() + s.windowMs + s.graceMs + s.idleCloseMs + 2000);
    while (Date.now() < deadline && exact.some(([id]) => !watcher.visible.has(id))) await watcher.wait(WAIT_STEP_S);
    const drained = exact.every(([id]) => watcher.visible.has(id));
    // a window emitted again (a failover replays what a crashed instance emitted) may still be on its way: read until quiet
    for (let i = 0, n = -1; i < 25 && n !== watcher.values.length; i++) {
      n = watcher.values.length;
      await watcher.wait(REPEAT_WAIT_S);
    }
    // every output is read: stop the readers before the HTTP checks, which in real k6 would wait on each of their
    // (synchronous) reads in turn
    await watcher.close();
    const slowest = emitLatencies(exact, watcher.visible, o.steadyFromMs);

    const span = { firstWindowMs: expected.firstWindowMs, lastWindowMs: expected.lastWindowMs };
    const sources: SourceDiff[] = [diffAggregates('aggregates topic', windows, watcher.values, span, true)];
    if (o.http !== undefined) sources.push(...(await httpSources(o, windows, span, tally)));
    const findings: OracleFindings = {
      records: ledger.records,
      generators: ledger.generators,
      malformed: tally.malformed,
      ledgerLost: ledger.lost(),
      ledgerDuplicated: ledger.duplicates,
      outOfOrder: ledger.outOfOrder,
      lateDropped: expected.lateDropped,
      windowsExpected: windows.size,
      windowsUncertain: windows.size - exact.length,
      ledgerProblems: ledger.problems,
      sources,
      drained,
    };
    emitOracleMetrics(oracleMetrics(findings));
    console.log(verdictText(findings) + (o.http === undefined ? '\n  (Redis, the query API and the lake not checked: no k6/http)' : ''));
    if (slowest.length > 0)
      console.log(`slowest windows of the steady stage (aggregates topic):\n  ${slowest.map(windowEndLine).join('\n  ')}`);
    return findings;
  } finally {
    await watcher.close();
  }
}

/** how many of the slowest window ends the verdict lists */
const SLOWEST_SHOWN = 3;

/**
 * Latencies of the exact windows: a later record closed them. The run's last windows (closing
 * within UNCERTAIN of its last send) close by idle-close or a flush once the input stops, a wait
 * for the end of the run rather than result latency; they are uncertain and not here.
 * Returns the steady stage's slowest window ends.
 */
function emitLatencies(
  exact: Array<[string, ExpectedWindow]>,
  visible: ReadonlyMap<string, number>,
  steadyFromMs: number,
): WindowEndLatency[] {
  const ramp = { output: 'aggregates', stage: 'ramp' };
  const steady = { output: 'aggregates', stage: 'steady' };
  const steadyResults: Array<{ windowEndMs: number; latencyMs: number }> = [];
  for (const [id, w] of exact) {
    const at = visible.get(id);
    if (at === undefined) continue;
    const tags = w.maxIntendedUs / 1000 < steadyFromMs ? ramp : steady;
    const result = windowResultLatencyMs(at, w.windowEndMs, w.maxIntendedUs);
    if (result !== undefined) {
      latency.windowResult.add(result, tags);
      if (tags === steady) steadyResults.push({ windowEndMs: w.windowEndMs, latencyMs: result });
    }
    latency.eventTime.add(eventTimeLatencyMs(at, w.maxEventTimeMs), tags);
  }
  return slowestWindowEnds(steadyResults, SLOWEST_SHOWN);
}

async function httpSources(
  o: VerifyOptions,
  windows: ReadonlyMap<string, ExpectedWindow>,
  span: { firstWindowMs: number; lastWindowMs: number },
  tally: LedgerTally,
): Promise<SourceDiff[]> {
  const { settings, http } = o;
  const keys = new Set([...windows.values()].map((w) => w.key));
  const perKey = Math.ceil((span.lastWindowMs - span.firstWindowMs) / settings.semantics.windowMs) + 2;
  const out = [
    diffAggregates('Redis', windows, await queryWindows(http!, settings.queryUrl, keys, perKey, 'redis'), span, false),
    diffAggregates('query API', windows, await queryWindows(http!, settings.queryUrl, keys, perKey, 'streams'), span, false),
  ];
  if (o.lake) {
    // the lake flushes every 2 s: give it a few flushes to catch up
    let lake = await diffLake(http!, settings.lakeUrl, o.runId, tally);
    for (let i = 0; i < 10 && lake.mismatches > 0; i++) {
      await sleep(1);
      lake = await diffLake(http!, settings.lakeUrl, o.runId, tally);
    }
    out.push(lake);
  }
  return out;
}
