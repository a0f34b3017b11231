/**
 * The load side of bench/oracle/ledger-read.sh: e2e-pipeline's Kafka load (lib/pipeline/e2e.ts loadViaKafka: seeded
 * events, `sp` stamps, BATCH records per produce call) straight into `<PREFIX>events` (6 partitions, created in setup),
 * IT_RATE batches/s for DURATION — by default 200 × 500 = 100,000 events/s for 30 s, 3 million records, no pipeline.
 * Run: node bin/streamprobe.js run -q -e PREFIX=lf-x- -e RUN_ID=r1 -e BATCH=500 -e IT_RATE=200 -e DURATION=30s bench/oracle/ledger-load.ts
 */
import { ensureTopic } from '../../lib/kafka.ts';
import { loadViaKafka, setupRun, settings, type RunData } from '../../lib/pipeline/e2e.ts';

export const options = {
  scenarios: {
    load: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.IT_RATE || 200),
      timeUnit: '1s',
      duration: __ENV.DURATION || '30s',
      preAllocatedVUs: 50,
      maxVUs: 2000,
    },
  },
};

export async function setup(): Promise<RunData> {
  await ensureTopic(settings.topics.events, 6);
  return setupRun();
}

export default async function (data: RunData): Promise<void> {
  await loadViaKafka(data);
}
