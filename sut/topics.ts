// The pipeline's topics on the broker: created by sut:up, deleted (with Kafka Streams' internal topics) on request.
import { Admin } from '@platformatic/kafka';
import { isTopicExists } from '../infra/kafka/ready.ts';
import { SutError } from './toolchain.ts';

/**
 * No size limit: the oracle reads the whole input topic back after a run, and the local broker's
 * 1 GiB per partition (infra/kafka) holds only ~2 minutes at 100,000 events/s; its time limit stays.
 */
const TOPIC_CONFIGS = [{ name: 'retention.bytes', value: '-1' }];

export async function createTopics(brokers: string[], topics: string[], partitions: number, replicas: number): Promise<void> {
  const admin = new Admin({ clientId: 'sut-up', bootstrapBrokers: brokers, timeout: 10_000 });
  try {
    for (const topic of topics) {
      try {
        await admin.createTopics({ topics: [topic], partitions, replicas, configs: TOPIC_CONFIGS });
      } catch (err) {
        if (!isTopicExists(err)) {
          throw new SutError(
            `could not create topic ${topic} on ${brokers.join(',')} (${(err as Error).message}); is Kafka running? (npm run kafka:up, or KAFKA_BROKERS=host:port)`,
          );
        }
      }
    }
  } finally {
    await admin.close();
  }
}

/** Deletes every topic whose name starts with `prefix` (a pipeline's own and its internal ones); returns their names. */
export async function deleteTopicsWithPrefix(brokers: string[], prefix: string): Promise<string[]> {
  if (prefix === '') throw new SutError('refusing to delete topics without a prefix: that would be every topic of the cluster');
  const admin = new Admin({ clientId: 'sut-down', bootstrapBrokers: brokers, timeout: 10_000 });
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return topics;
  } finally {
    await admin.close();
  }
}
