/**
 * scripts/e2e-pipeline.ts in parts, so a variant without k6/http (real k6 builds without it, or a
 * runtime that lacks it) runs the same load and the Kafka part of the oracle. Reads its settings
 * from __ENV (documented in docs/scripts/e2e-pipeline.md).
 */
import { check } from 'k6';
import { Writer } from 'k6/x/kafka';
import { durationMs, formatDuration } from '../duration.ts';
import { envInt, envNumber, envString } from '../env.ts';
import { EventGenerator, eventValue } from '../events.ts';
import { Ingest } from '../ingest.ts';
import { writerConfig } from '../kafka.ts';
import { batchForRate, loadProfile } from '../profiles.ts';
import { withSlo } from '../slo.ts';
import { stampTimes } from '../stamp-headers.ts';
import { generatorId, intendedStartMs, vuStamper } from '../stamps.ts';
import type { HttpGet } from './http-outputs.ts';
import { ORACLE_THRESHOLDS } from './metrics.ts';
import { pipelineSettings } from './settings.ts';
import { verifyPipeline } from './verify.ts';

export const settings = pipelineSettings(__ENV);
const RATE = envNumber(__ENV, 'RATE', 2000);
const BATCH = envInt(__ENV, 'BATCH', batchForRate(RATE));
const RAMP = envString(__ENV, 'RAMP', '5s');
const DURATION = envString(__ENV, 'DURATION', '1m');
const LOAD_STOP = '2s';
const LOAD_MS = durationMs(RAMP) + durationMs(DURATION) + durationMs(LOAD_STOP);
const VIA = envString(__ENV, 'VIA', 'kafka');
if (VIA !== 'kafka' && VIA !== 'gateway') throw new Error(`VIA='${VIA}' must be kafka or gateway`);
const LAKE = envString(__ENV, 'LAKE_URL', '') !== 'none';
const events = {
  pages: envInt(__ENV, 'PAGES', 200),
  // the gateway refuses a whole batch for one malformed event: only valid ones go that way
  malformedFraction: VIA === 'gateway' ? 0 : envNumber(__ENV, 'MALFORMED', 0.01),
  lateFraction: envNumber(__ENV, 'LATE', 0.001),
  duplicateFraction: envNumber(__ENV, 'DUPLICATES', 0),
  outOfOrderFraction: envNumber(__ENV, 'OUT_OF_ORDER', 0),
};
const config = {
  topic: settings.topics.events,
  batch: BATCH,
  seed: envInt(__ENV, 'SEED', 1),
  users: envInt(__ENV, 'USERS', 100_000),
  events,
};

export const options = withSlo(
  {
    scenarios: {
      ...loadProfile({
        name: 'load',
        exec: 'load',
        eventsPerSecond: RATE,
        eventsPerIteration: BATCH,
        rampUp: RAMP,
        duration: DURATION,
        iterationDuration: '250ms',
        gracefulStop: LOAD_STOP,
      }),
      verify: {
        executor: 'per-vu-iterations',
        exec: 'verify',
        vus: 1,
        iterations: 1,
        maxDuration: formatDuration(LOAD_MS + settings.drainTimeoutMs + durationMs(envString(__ENV, 'VERIFY_TIMEOUT', '10m'))),
      },
    },
    thresholds: {
      ...ORACLE_THRESHOLDS,
      // the ramp warms the pipeline up (JIT, caches, consumer fetch sizes): its windows are shown, the steady stage's gated
      'window_result_latency{stage:steady}': [`p(99) < ${envNumber(__ENV, 'LATENCY_P99_MS', 2000)}`],
      'window_result_latency{stage:ramp}': [],
      checks: ['rate > 0.99'],
    },
  },
  envString(__ENV, 'SLO', 'none'),
);

export interface RunData {
  runId: string;
  /** epoch ms when the load's last record is sent at the latest */
  loadEndMs: number;
  /** epoch ms when the ramp ends and the load holds its rate */
  steadyFromMs: number;
}

export function setupRun(): RunData {
  const now = Date.now();
  return { runId: __ENV.RUN_ID || `e2e-${now.toString(36)}`, loadEndMs: now + LOAD_MS, steadyFromMs: now + durationMs(RAMP) };
}

const writer = VIA === 'kafka' ? new Writer(writerConfig(settings.topics.events, { batchSize: BATCH })) : undefined;
const ingest = new Ingest(config);

export async function loadViaKafka(data: RunData): Promise<void> {
  await ingest.produce(writer!, ingest.nextBatch(data.runId));
}

/** k6/http's post: a Response in k6, a promise of one in streamprobe's async mode (so it is awaited) */
export type HttpPost = (
  url: string,
  body: string,
  params: { headers: Record<string, string> },
) => { status: number } | Promise<{ status: number }>;

let gatewayEvents: EventGenerator | undefined;
const ACCEPTED = { 'batch accepted (202)': (status: number) => status === 202 };

/** One batch as a JSON array to the gateway, stamped with one `sp` header (record i gets seq + i). */
export async function loadViaGateway(data: RunData, post: HttpPost): Promise<void> {
  gatewayEvents ??= new EventGenerator({ ...events, seed: config.seed, generatorId: generatorId(), users: config.users });
  const intended = intendedStartMs();
  const batch = gatewayEvents.batch(BATCH, intended);
  const body = '[' + batch.map(eventValue).join(',') + ']';
  const stamp = vuStamper(data.runId).batchHeader(BATCH, stampTimes(intended, Date.now()));
  const r = await post(`${settings.ingestUrl}/v1/events`, body, { headers: { 'Content-Type': 'application/json', ...stamp } });
  check(r.status, ACCEPTED);
}

export function verifyRun(data: RunData, http?: HttpGet): Promise<unknown> {
  return verifyPipeline({ settings, runId: data.runId, loadEndMs: data.loadEndMs, steadyFromMs: data.steadyFromMs, http, lake: LAKE });
}

export const loadVia = VIA;
