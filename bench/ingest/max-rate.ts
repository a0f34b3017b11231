/**
 * Maximum sustainable produce rate of streamprobe: VUS looping VUs, each producing BATCH
 * ingest-load events per iteration (same generator, keys and stamp headers; acks=all; writer
 * batching with LINGER_MS linger and 1 MiB sends) as fast as the broker acknowledges, for DURATION.
 * kafka_writer_message_bytes (xk6-kafka v2.1's count: 23 + key + value + headers per record) gives
 * max-rate.sh the average record size for kafka-producer-perf-test.
 * With PAYLOAD=fixed it sends what kafka-producer-perf-test sends instead: RECORD_BYTES-byte values
 * made once, no key, no headers — the tool's own produce cost, without event generation.
 * PAYLOAD=generate builds the events' messages and produces nothing: their cost alone, for
 * bench/ingest/cpu-per-event.sh (not a rate to compare).
 *
 * Env: PAYLOAD (events | fixed | generate), RECORD_BYTES (250, fixed only),
 * TOPIC (events), VUS (32), BATCH (100), DURATION (60s), LINGER_MS (2), ACKS (-1 = all),
 * PARTITIONS (6), SEED (1), USERS (100000), RUN_ID (generated), KAFKA_BROKERS (127.0.0.1:9092).
 */
/// <reference path="../../types/k6-x-kafka.d.ts" />
import { MILLISECOND, Writer, type Message } from 'k6/x/kafka';
import { envInt, envNumber, envString } from '../../lib/env.ts';
import { Ingest } from '../../lib/ingest.ts';
import { ensureTopic, toBytes, writerConfig } from '../../lib/kafka.ts';

const TOPIC = envString(__ENV, 'TOPIC', 'events');
const BATCH = envInt(__ENV, 'BATCH', 100);
const ACKS = envInt(__ENV, 'ACKS', -1);
const PARTITIONS = envInt(__ENV, 'PARTITIONS', 6);
const SEED = envInt(__ENV, 'SEED', 1);
const USERS = envInt(__ENV, 'USERS', 100_000);

export const options = {
  scenarios: {
    max_rate: { executor: 'constant-vus', vus: envInt(__ENV, 'VUS', 32), duration: envString(__ENV, 'DURATION', '60s') },
  },
};

const writer = new Writer(
  writerConfig(TOPIC, {
    requiredAcks: ACKS,
    batchSize: BATCH,
    batchTimeout: envNumber(__ENV, 'LINGER_MS', 2) * MILLISECOND,
  }),
);

interface SetupData {
  runId: string;
}

export async function setup(): Promise<SetupData> {
  await ensureTopic(TOPIC, PARTITIONS);
  return { runId: __ENV.RUN_ID || `max-${Date.now().toString(36)}` };
}

// The same iteration as scripts/ingest-load.ts (lib/ingest.ts).
const ingest = new Ingest({ topic: TOPIC, batch: BATCH, seed: SEED, users: USERS });
const PAYLOAD = envString(__ENV, 'PAYLOAD', 'events');
const FIXED = PAYLOAD === 'fixed';
// like kafka-producer-perf-test: one payload of printable characters, sent again and again
const fixedBatch: Message[] = FIXED
  ? Array.from({ length: BATCH }, () => ({ value: toBytes('x'.repeat(envInt(__ENV, 'RECORD_BYTES', 250))) }))
  : [];

export default async function maxRate(data: SetupData): Promise<void> {
  if (FIXED) {
    await ingest.produce(writer, fixedBatch);
    return;
  }
  if (PAYLOAD === 'generate') {
    ingest.nextBatch(data.runId);
    return;
  }
  await ingest.produce(writer, ingest.nextBatch(data.runId));
}

export function teardown(): void {
  writer.close();
}
