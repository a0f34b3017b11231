/**
 * Ingestion load: realistic analytics events (~250 B JSON, keyed by user id) produced to a topic
 * at an open-model rate, each record stamped for latency and accuracy checks.
 *
 * Env: TOPIC (events), RATE events/s (10000), BATCH events per iteration (200), RAMP (10s),
 * DURATION steady stage (1m), ACKS (-1 = all), PARTITIONS (6), SEED (1), USERS (100000),
 * RUN_ID (generated), SLO (local), KAFKA_BROKERS (127.0.0.1:9092).
 */
import { Writer } from 'k6/x/kafka';
import { envInt, envNumber, envString } from '../lib/env.ts';
import { Ingest } from '../lib/ingest.ts';
import { ensureTopic, writerConfig } from '../lib/kafka.ts';
import { loadProfile } from '../lib/profiles.ts';
import { withSlo } from '../lib/slo.ts';

const TOPIC = envString(__ENV, 'TOPIC', 'events');
const RATE = envNumber(__ENV, 'RATE', 10_000);
const BATCH = envInt(__ENV, 'BATCH', 200);
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
    // VUs for iterations of up to ~250 ms: a produce waits for acks=all, and its tail grows when the
    // machine is busy; too few VUs would turn that tail into dropped iterations
    iterationDuration: '250ms',
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

const ingest = new Ingest({ topic: TOPIC, batch: BATCH, seed: SEED, users: USERS });

export default async function (data: SetupData): Promise<void> {
  await ingest.produce(writer, ingest.nextBatch(data.runId));
}

export function teardown(): void {
  writer.close();
}
