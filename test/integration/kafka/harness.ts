/** What the k6/x/kafka integration tests share: the broker, the module on a fake VU, and throw-away topics. */
import createKafkaModule from '../../../runtime/modules/k6/x/kafka.ts';
import { FakeVU } from '../../unit/kafka/fake-vu.ts';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const unique = (name: string) => `sp-test-${name}-${process.pid}-${Date.now()}`;
export type Ctor = new (cfg: unknown) => any;

export function kafkaHarness() {
  const vu = new FakeVU();
  const kafka = createKafkaModule(vu) as Record<string, any>;
  const admin = new (kafka.Connection as Ctor)({ address: brokers[0] });
  const topics: string[] = [];
  return {
    vu,
    kafka,
    admin,
    /** a fresh topic, deleted by cleanup() */
    async topic(name: string, numPartitions = 1): Promise<string> {
      const t = unique(name);
      await admin.createTopic({ topic: t, numPartitions });
      topics.push(t);
      return t;
    },
    async cleanup(): Promise<void> {
      for (const t of topics) await admin.deleteTopic(t).catch(() => {});
      await vu.closeShared();
    },
  };
}
