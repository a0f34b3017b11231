/**
 * Ingestion load: realistic analytics events (~250 B JSON, keyed by user id) produced to a topic
 * at an open-model rate, each record stamped for latency and accuracy checks.
 *
 * Env: TOPIC (events), RATE events/s (10000), BATCH events per iteration (100), RAMP (10s),
 * DURATION steady stage (1m), ACKS (-1 = all), PARTITIONS (6), SEED (1), USERS (100000),
 * RUN_ID (generated), SLO (local), KAFKA_BROKERS (127.0.0.1:9092).
 */
import { check } from 'k6';
import { Writer } from 'k6/x/kafka';
import { envInt, envNumber, envString } from '../lib/env.ts';
import { EventGenerator } from '../lib/events.ts';
import { ensureTopic, toBytes, writerConfig } from '../lib/kafka.ts';
import { loadProfile } from '../lib/profiles.ts';
import { withSlo } from '../lib/slo.ts';
import { epochUs } from '../lib/stamp-headers.ts';
import { generatorId, intendedStartMs, vuStamper } from '../lib/stamps.ts';

const TOPIC = envString(__ENV, 'TOPIC', 'events');
const RATE = envNumber(__ENV, 'RATE', 10_000);
const BATCH = envInt(__ENV, 'BATCH', 100);
const ACKS = envInt(__ENV, 'ACKS', -1);
const PARTITIONS = envInt(__ENV, 'PARTITIONS', 6);
const SEED = envInt(__ENV, 'SEED', 1);
const USERS = envInt(__ENV, 'USERS', 100_000);

export const options = withSlo({
  scenarios: loadProfile({
    name: 'ingest',
    eventsPerSecond: RATE,
    eventsPerIteration: BATCH,
    rampUp: envString(__ENV, 'RAMP', '10s'),
    duration: envString(__ENV, 'DURATION', '1m'),
  }),
});

const writer = new Writer(writerConfig(TOPIC, { requiredAcks: ACKS, batchSize: BATCH }));

interface SetupData {
  runId: string;
}

export async function setup(): Promise<SetupData> {
  await ensureTopic(TOPIC, PARTITIONS);
  return { runId: __ENV.RUN_ID || `run-${Date.now().toString(36)}` };
}

let generator: EventGenerator | undefined;

export default async function ingest(data: SetupData): Promise<void> {
  generator ??= new EventGenerator({ seed: SEED, generatorId: generatorId(), users: USERS });
  const stamper = vuStamper(data.runId);
  const intendedMs = intendedStartMs();
  const intendedUs = epochUs(intendedMs);
  const events = generator.batch(BATCH, intendedMs);
  const sentUs = epochUs(Date.now());
  const messages = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    messages[i] = { key: toBytes(e.key), value: toBytes(e.value), headers: stamper.headers(intendedUs, sentUs) };
  }
  let ok = true;
  try {
    await writer.produce({ messages });
  } catch (err) {
    ok = false;
    console.error(`produce to ${TOPIC} failed: ${String(err)}`);
  }
  check(ok, { 'batch produced': (v) => v });
}

export function teardown(): void {
  writer.close();
}
