// Readiness = the cluster has all its brokers and accepts an acks=all produce to a topic replicated on every broker.
import { Admin, Producer, stringSerializers } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';

export const READY_TOPIC = 'streamprobe-ready';

async function produceOnce(bootstrap: string[], brokers: number): Promise<void> {
  const admin = new Admin({ clientId: 'streamprobe-ready', bootstrapBrokers: bootstrap, timeout: 5000, retries: 0 });
  const producer = new Producer({
    clientId: 'streamprobe-ready',
    bootstrapBrokers: bootstrap,
    serializers: stringSerializers,
    timeout: 5000,
    retries: 0,
  });
  try {
    const metadata = await admin.metadata({ topics: [] });
    if (metadata.brokers.size < brokers) throw new Error(`${metadata.brokers.size}/${brokers} brokers registered`);
    try {
      await admin.createTopics({ topics: [READY_TOPIC], partitions: 1, replicas: brokers });
    } catch (err) {
      if (!isTopicExists(err)) throw err;
    }
    await producer.send({ messages: [{ topic: READY_TOPIC, key: 'ready', value: new Date().toISOString() }], acks: -1 });
  } finally {
    await Promise.allSettled([producer.close(), admin.close()]);
  }
}

/** @platformatic/kafka wraps per-topic failures in `errors`, each carrying Kafka's error name as apiId. */
export function isTopicExists(err: unknown): boolean {
  const errors = (err as { errors?: { apiId?: string }[] }).errors ?? [];
  return errors.length > 0 && errors.every((e) => e.apiId === 'TOPIC_ALREADY_EXISTS');
}

/**
 * Retries a real produce until it succeeds or `timeoutMs` passes; returns the last error on timeout.
 * `assertAlive` runs before each attempt and may throw to stop waiting (e.g. a broker process died).
 */
export async function waitForProduce(
  bootstrap: string[],
  brokers: number,
  timeoutMs: number,
  assertAlive: () => void = () => {},
): Promise<Error | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  while (Date.now() < deadline) {
    assertAlive();
    try {
      await produceOnce(bootstrap, brokers);
      return undefined;
    } catch (err) {
      last = err as Error;
      await sleep(500);
    }
  }
  return last ?? new Error('timed out');
}
