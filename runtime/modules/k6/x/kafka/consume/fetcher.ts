/**
 * Sends Fetch requests on the library's connections but decodes the responses with our own allocation-light
 * decoder (fetch-response.ts): one request per leader broker, sessionless (epoch -1: no broker-side fetch session).
 */
import { ConnectionPool, fetchV12, fetchV13, fetchV14, fetchV15, fetchV16, fetchV17, type Consumer } from '@platformatic/kafka';
import type { ReaderConfig } from '../reader-config.ts';
import { decodeFetchResponse, type FetchedPartition, type FetchRequestTopics } from './fetch-response.ts';

const FETCH_API_KEY = 1;
const REQUESTS = { 12: fetchV12, 13: fetchV13, 14: fetchV14, 15: fetchV15, 16: fetchV16, 17: fetchV17 } as const;
const NO_SESSION = -1;
/**
 * The broker holds a fetch without data at most this long (consume() still waits its whole maxWait, fetching
 * again): a group's fetch spans every leader, and one idle leader must not hold back another's records.
 */
const BROKER_WAIT_MS = 500;
/** response size cap however many partitions a request names (the Java consumer's fetch.max.bytes) */
const MAX_RESPONSE_BYTES = 52_428_800;

export interface FetchTarget {
  topic: string;
  partition: number;
  offset: number;
}

interface Parsable {
  buffer: { slice(start: number, end: number): Buffer };
  position: number;
  length: number;
}

export class Fetcher {
  private readonly pool: ConnectionPool;
  private version: Promise<keyof typeof REQUESTS> | undefined;

  constructor(
    private readonly consumer: Consumer,
    clientId: string,
    private readonly cfg: ReaderConfig,
  ) {
    this.pool = new ConnectionPool(clientId, { ...cfg.client, requestTimeout: BROKER_WAIT_MS + 30_000 });
  }

  /** The highest Fetch version both the broker and the library's request encoders support. */
  private negotiate(): Promise<keyof typeof REQUESTS> {
    this.version ??= this.consumer.listApis().then((apis) => {
      const fetch = apis.find((a) => a.apiKey === FETCH_API_KEY);
      const version = Math.min(17, fetch?.maxVersion ?? 0);
      if (version < 12) throw new Error(`the broker supports Fetch up to v${fetch?.maxVersion}; streamprobe needs v12+ (Kafka ≥ 2.7)`);
      return version as keyof typeof REQUESTS;
    });
    this.version.catch(() => (this.version = undefined));
    return this.version;
  }

  /** Fetches every target from its partition leader; partitions come back with their topic names. */
  async fetch(targets: FetchTarget[]): Promise<FetchedPartition[]> {
    const version = await this.negotiate();
    const metadata = await this.consumer.metadata({ topics: [...new Set(targets.map((t) => t.topic))] });
    type Topics = Map<string, { topic: string; wireId: string; offsets: Map<number, number> }>;
    const byLeader = new Map<number, Topics>();
    for (const t of targets) {
      const topic = metadata.topics.get(t.topic)!;
      const leader = topic.partitions[t.partition]?.leader;
      if (leader === undefined) throw new Error(`topic "${t.topic}" has no partition ${t.partition} (it has ${topic.partitionsCount})`);
      const key = version >= 13 ? topic.id.replaceAll('-', '') : t.topic;
      let topics = byLeader.get(leader);
      if (!topics) byLeader.set(leader, (topics = new Map()));
      let entry = topics.get(key);
      if (!entry) topics.set(key, (entry = { topic: t.topic, wireId: version >= 13 ? topic.id : t.topic, offsets: new Map() }));
      entry.offsets.set(t.partition, t.offset);
    }
    const responses = await Promise.all(
      [...byLeader].map(async ([leader, topics]) => {
        const broker = metadata.brokers.get(leader);
        if (!broker) throw new Error(`partition leader ${leader} is not in the cluster metadata`);
        const connection = await this.pool.get(broker);
        return this.send(connection, version, topics);
      }),
    );
    return responses.flat();
  }

  private send(
    connection: Awaited<ReturnType<ConnectionPool['get']>>,
    version: keyof typeof REQUESTS,
    topics: FetchRequestTopics,
  ): Promise<FetchedPartition[]> {
    const { maxWaitMs, minBytes, maxBytes, readCommitted } = this.cfg;
    let partitions = 0;
    const wireTopics = [...topics.values()].map((t) => ({
      topicId: t.wireId,
      partitions: [...t.offsets].map(([partition, offset]) => {
        partitions++;
        return { partition, fetchOffset: BigInt(offset), partitionMaxBytes: maxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 };
      }),
    }));
    const create = () =>
      REQUESTS[version].createRequest(
        Math.ceil(Math.min(maxWaitMs, BROKER_WAIT_MS)),
        minBytes,
        Math.min(maxBytes * partitions, MAX_RESPONSE_BYTES),
        readCommitted ? 1 : 0,
        0,
        NO_SESSION,
        wireTopics as never,
        [],
        '',
      );
    const parse = (_id: number, _key: number, _version: number, reader: Parsable) =>
      decodeFetchResponse(reader.buffer.slice(reader.position, reader.length), version, topics, readCommitted);
    return new Promise((resolve, reject) => {
      connection.send(FETCH_API_KEY, version, create, parse as never, true, true, (err: unknown, result: unknown) =>
        err ? reject(err) : resolve(result as FetchedPartition[]),
      );
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
