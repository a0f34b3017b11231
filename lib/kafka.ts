/**
 * Kafka helpers for scripts: brokers from __ENV, writer/reader configs with sensible load-test
 * defaults, string ↔ bytes through xk6-kafka's SchemaRegistry (xk6-kafka v1 reads a plain string
 * key/value as base64, so strings must be serialized), and topic creation.
 */
import { Connection, MILLISECOND, SCHEMA_TYPE_STRING, SchemaRegistry, type ReaderConfig, type WriterConfig } from 'k6/x/kafka';
import { envList } from './env.ts';

const registry = new SchemaRegistry();

/** KAFKA_BROKERS, a comma list; default 127.0.0.1:9092 */
export function brokers(): string[] {
  return envList(__ENV, 'KAFKA_BROKERS', ['127.0.0.1:9092']);
}

/**
 * acks=all (xk6-kafka v2 defaults to acks=0); batches flushed after 2 ms, since xk6-kafka v1's
 * synchronous produce otherwise waits for the 1 s default batch timeout whenever a batch is not full.
 * No `balancer`: xk6-kafka v2 refuses it, and its default partitioner (consistent_random, CRC-32 of
 * the key) keeps each user's events on one partition, in order.
 */
export function writerConfig(topic: string, overrides: Partial<WriterConfig> = {}): WriterConfig {
  return {
    brokers: brokers(),
    topic,
    requiredAcks: -1,
    batchSize: 100,
    batchTimeout: 2 * MILLISECOND,
    ...overrides,
  };
}

/** A partition reader, or a group reader when `groupId` is given (then the topic goes to groupTopics). */
export function readerConfig(topic: string, overrides: Partial<ReaderConfig> = {}): ReaderConfig {
  const group = overrides.groupId ?? overrides.groupID;
  const target = group === undefined ? { topic } : { groupTopics: [topic] };
  return { brokers: brokers(), maxWait: '5s', ...target, ...overrides };
}

/** UTF-8 bytes of `text`, accepted as key or value by every xk6-kafka version. */
export function toBytes(text: string): Uint8Array {
  return registry.serialize({ data: text, schemaType: SCHEMA_TYPE_STRING });
}

/** The text of a consumed key, value or header. */
export function fromBytes(bytes: unknown): string {
  return registry.deserialize({ data: bytes, schemaType: SCHEMA_TYPE_STRING }) as string;
}

/** Creates `topic` unless it exists; returns whether it was created. Call from setup(). */
export async function ensureTopic(topic: string, partitions: number, replicationFactor = 1): Promise<boolean> {
  const connection = new Connection({ address: brokers()[0] });
  try {
    const topics = await connection.listTopics();
    if (topics.includes(topic)) return false;
    await connection.createTopic({ topic, numPartitions: partitions, replicationFactor });
    return true;
  } finally {
    await connection.close();
  }
}
