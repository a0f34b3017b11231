/**
 * Maximum sustainable produce rate of streamprobe: VUS looping VUs, each producing BATCH
 * ingest-load events per iteration (same generator, keys and stamp headers; acks=all; writer
 * batching with LINGER_MS linger and 1 MiB sends) as fast as the broker acknowledges, for DURATION.
 * Also counts header bytes (ingest_header_bytes), so max-rate.sh can give kafka-producer-perf-test
 * the same average record size (key + value + headers).
 * With PAYLOAD=fixed it sends what kafka-producer-perf-test sends instead: RECORD_BYTES-byte values
 * made once, no key, no headers — the tool's own produce cost, without event generation.
 *
 * Env: PAYLOAD (events | fixed), RECORD_BYTES (250, fixed only),
 * TOPIC (events), VUS (32), BATCH (100), DURATION (60s), LINGER_MS (2), ACKS (-1 = all),
 * PARTITIONS (6), SEED (1), USERS (100000), RUN_ID (generated), KAFKA_BROKERS (127.0.0.1:9092).
 */
/// <reference path="../../types/k6-x-kafka.d.ts" />
import { Counter } from 'k6/metrics';
import { MILLISECOND, Writer, type Message } from 'k6/x/kafka';
import { envInt, envNumber, envString } from '../../lib/env.ts';
import { Ingest } from '../../lib/ingest.ts';
import { ensureTopic, toBytes, writerConfig } from '../../lib/kafka.ts';
import { COMPACT_STAMP_HEADER, type StampHeader } from '../../lib/stamp-headers.ts';

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
const headerBytes = new Counter('ingest_header_bytes');
// the stamp header's name and value are ASCII, so string lengths are byte counts
const HEADER_NAME_BYTES = COMPACT_STAMP_HEADER.length;

interface SetupData {
  runId: string;
}

export async function setup(): Promise<SetupData> {
  await ensureTopic(TOPIC, PARTITIONS);
  return { runId: __ENV.RUN_ID || `max-${Date.now().toString(36)}` };
}

// The same iteration as scripts/ingest-load.ts (lib/ingest.ts), plus header counting.
const ingest = new Ingest({ topic: TOPIC, batch: BATCH, seed: SEED, users: USERS });
const FIXED = envString(__ENV, 'PAYLOAD', 'events') === 'fixed';
// like kafka-producer-perf-test: one payload of printable characters, sent again and again
const fixedBatch: Message[] = FIXED
  ? Array.from({ length: BATCH }, () => ({ value: toBytes('x'.repeat(envInt(__ENV, 'RECORD_BYTES', 250))) }))
  : [];

export default async function maxRate(data: SetupData): Promise<void> {
  if (FIXED) {
    await ingest.produce(writer, fixedBatch);
    return;
  }
  const messages = ingest.nextBatch(data.runId);
  let batchHeaderBytes = BATCH * HEADER_NAME_BYTES;
  for (const m of messages) batchHeaderBytes += (m.headers as unknown as StampHeader).sp.length;
  await ingest.produce(writer, messages);
  headerBytes.add(batchHeaderBytes);
}

export function teardown(): void {
  writer.close();
}
