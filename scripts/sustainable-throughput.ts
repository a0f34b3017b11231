/**
 * Sustainable throughput of a streaming pipeline (Karimov et al., ICDE 2018): steps of rising event
 * rate via Kafka; a monitor VU reads the aggregates topic and records each window's result latency
 * (lib/latency.ts); at the end each step's hold is judged (lib/sustainable.ts: latency not growing)
 * and the highest sustained rate is reported as the `sustainable_throughput` metric (events/s) and
 * printed with a table of the steps. A dropped_iterations threshold fails the run when the load
 * generator itself could not keep a rate (then the number says nothing about the pipeline).
 *
 * Env (docs/scripts/sustainable-throughput.md): START_RATE events/s (2000), STEP_RATE (2000),
 * STEPS (5), STEP_RAMP (10s), STEP_DURATION (1m), BATCH (100; above 20,000 events/s at the top step, 1/200 of it), SEED (1), USERS (100000),
 * PAGES (200), PREFIX (''), MAX_LATENCY_GROWTH (20 ms/s), RUN_ID (generated), SLO (none),
 * KAFKA_BROKERS (127.0.0.1:9092).
 */
import { Writer } from 'k6/x/kafka';
import exec from 'k6/execution';
import { Gauge } from 'k6/metrics';
import { durationMs, formatDuration } from '../lib/duration.ts';
import { envInt, envNumber, envString } from '../lib/env.ts';
import { Ingest } from '../lib/ingest.ts';
import { writerConfig } from '../lib/kafka.ts';
import { windowResultLatencyMs } from '../lib/latency.ts';
import { windowId } from '../lib/oracle/expected.ts';
import { OutputWatcher } from '../lib/pipeline/outputs.ts';
import { pipelineSettings } from '../lib/pipeline/settings.ts';
import { batchForRate, sustainableThroughputProfile } from '../lib/profiles.ts';
import { withSlo } from '../lib/slo.ts';
import { DEFAULT_SUSTAIN_CRITERIA, judgeSteps, type Sample } from '../lib/sustainable.ts';

const settings = pipelineSettings(__ENV);
const START_RATE = envNumber(__ENV, 'START_RATE', 2000);
const STEP_RATE = envNumber(__ENV, 'STEP_RATE', 2000);
const STEPS = envInt(__ENV, 'STEPS', 5);
const BATCH = envInt(__ENV, 'BATCH', batchForRate(START_RATE + STEP_RATE * (STEPS - 1)));
const profile = sustainableThroughputProfile({
  name: 'load',
  exec: 'load',
  startEventsPerSecond: START_RATE,
  stepEventsPerSecond: STEP_RATE,
  steps: STEPS,
  stepRamp: envString(__ENV, 'STEP_RAMP', '10s'),
  stepDuration: envString(__ENV, 'STEP_DURATION', '1m'),
  eventsPerIteration: BATCH,
  iterationDuration: '250ms',
  gracefulStop: '2s',
});
const steps = profile.steps;
const END_MS = steps[steps.length - 1]!.holdToMs;

export const options = withSlo(
  {
    scenarios: {
      ...profile.scenarios,
      monitor: {
        executor: 'per-vu-iterations',
        exec: 'monitor',
        vus: 1,
        iterations: 1,
        maxDuration: formatDuration(END_MS + durationMs('1m')),
      },
    },
    thresholds: { dropped_iterations: ['count == 0'] },
  },
  envString(__ENV, 'SLO', 'none'),
);

const sustainable = new Gauge('sustainable_throughput');
const writer = new Writer(writerConfig(settings.topics.events, { batchSize: BATCH }));
const ingest = new Ingest({
  topic: settings.topics.events,
  batch: BATCH,
  seed: envInt(__ENV, 'SEED', 1),
  users: envInt(__ENV, 'USERS', 100_000),
  events: { pages: envInt(__ENV, 'PAGES', 200) },
});

interface RunData {
  runId: string;
}

export function setup(): RunData {
  return { runId: __ENV.RUN_ID || `st-${Date.now().toString(36)}` };
}

export async function load(data: RunData): Promise<void> {
  await ingest.produce(writer, ingest.nextBatch(data.runId));
}

export async function monitor(data: RunData): Promise<void> {
  const start = exec.scenario.startTime;
  const watcher = new OutputWatcher(settings, data.runId);
  const latency: Sample[] = [];
  let seen = 0;
  try {
    while (Date.now() < start + END_MS) {
      await watcher.wait(0.1);
      for (; seen < watcher.values.length; seen++) {
        const a = watcher.values[seen]!;
        const visible = watcher.visible.get(windowId(a.key, a.window_start_ms))!;
        const value = windowResultLatencyMs(visible, a.window_end_ms, a.max_intended_us);
        if (value !== undefined) latency.push({ atMs: visible - start, value });
      }
    }
  } finally {
    await watcher.close();
  }
  const criteria = { ...DEFAULT_SUSTAIN_CRITERIA, maxLatencyGrowthMsPerS: envNumber(__ENV, 'MAX_LATENCY_GROWTH', 20) };
  const verdict = judgeSteps(steps, latency, criteria);
  sustainable.add(verdict.sustainableEventsPerSecond);
  console.log(
    [
      `sustainable throughput: ${verdict.sustainableEventsPerSecond} events/s`,
      ...verdict.steps.map(
        (s) =>
          `  ${String(s.eventsPerSecond).padStart(8)} events/s: median result latency ${s.medianLatencyMs.toFixed(0)} ms, ` +
          `growth ${s.latencyGrowthMsPerS.toFixed(1)} ms/s over ${s.samples} windows — ${s.why}`,
      ),
    ].join('\n'),
  );
}

export function teardown(): void {
  writer.close();
}
