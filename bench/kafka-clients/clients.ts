// The two Node.js clients under test behind one small interface, so the driver measures both the same way.
import { Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { BenchMessage } from './workload.ts';

export interface BenchClient {
  /** One produce request's worth of messages; resolves when the broker acknowledged them. */
  send(topic: string, messages: BenchMessage[], acks: -1 | 1): Promise<void>;
  /** Reads from the earliest offset with a fresh group until `count` messages or `deadline`; returns how many. */
  consume(topic: string, count: number, deadline: number, onMessage: () => void): Promise<number>;
  close(): Promise<void>;
}

export const CLIENT_NAMES = ['platformatic', 'kafkajs'] as const;
export type ClientName = (typeof CLIENT_NAMES)[number];

export function createClient(name: ClientName, brokers: string[]): BenchClient {
  return name === 'platformatic' ? platformaticClient(brokers) : kafkajsClient(brokers);
}

function platformaticClient(bootstrapBrokers: string[]): BenchClient {
  const producer = new Producer({ clientId: 'bench', bootstrapBrokers, serializers: stringSerializers });
  let consumer: Consumer<string, string, string, string> | undefined;
  return {
    async send(topic, messages, acks) {
      await producer.send({ messages: messages.map((m) => ({ topic, key: m.key, value: m.value })), acks });
    },
    async consume(topic, count, deadline, onMessage) {
      consumer = new Consumer({
        clientId: 'bench',
        groupId: `bench-${Date.now()}`,
        bootstrapBrokers,
        deserializers: stringDeserializers,
        maxBytes: 8 * 1024 * 1024,
      });
      const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: 1000 });
      let seen = 0;
      // 'data' events rather than for-await: the async iterator costs a promise per message.
      await new Promise<void>((resolve, reject) => {
        stream.on('data', () => {
          onMessage();
          if (++seen >= count || (seen % 1000 === 0 && Date.now() >= deadline)) resolve();
        });
        stream.once('error', reject);
      });
      await stream.close();
      return seen;
    },
    async close() {
      await Promise.allSettled([producer.close(), consumer?.close(true)]);
    },
  };
}

function kafkajsClient(brokers: string[]): BenchClient {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const connected = producer.connect();
  let consumer: ReturnType<Kafka['consumer']> | undefined;
  return {
    async send(topic, messages, acks) {
      await connected;
      await producer.send({ topic, messages, acks });
    },
    async consume(topic, count, deadline, onMessage) {
      const c = kafka.consumer({ groupId: `bench-${Date.now()}`, maxBytes: 8 * 1024 * 1024 });
      consumer = c;
      await c.connect();
      await c.subscribe({ topics: [topic], fromBeginning: true });
      let seen = 0;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve, reject) => {
        timer = setInterval(() => Date.now() >= deadline && resolve(), 200);
        c.run({
          eachBatch: async ({ batch }) => {
            for (let i = 0; i < batch.messages.length; i++) onMessage();
            seen += batch.messages.length;
            if (seen >= count) resolve();
          },
        }).catch(reject);
      });
      clearInterval(timer);
      return seen;
    },
    async close() {
      await Promise.allSettled([producer.disconnect(), consumer?.disconnect()]);
    },
  };
}
