/** A consumer-group reader: one group member, its messages stream buffered; offsets committed after each consume(). */
import type { Consumer, Message, MessagesStream } from '@platformatic/kafka';
import { toBytesView } from './bytes.ts';
import type { ConsumedRecord } from './consumed-message.ts';
import type { ReaderConfig } from './reader-config.ts';
import { checkTopics, createConsumer, nextClientId, RecordQueue, type FetchStats, type RecordSource } from './record-source.ts';

type Stream = MessagesStream<Buffer, Buffer, Buffer, Buffer>;

export class GroupSource implements RecordSource {
  readonly clientId = nextClientId('group-reader');
  private readonly consumer: Consumer;
  private readonly queue = new RecordQueue();
  private stream: Stream | undefined;
  private starting: Promise<void> | undefined;
  private failure: unknown;
  private waiters: (() => void)[] = [];
  private readonly hwms = new Map<string, number>();
  private stats: FetchStats = { fetches: 0, fetchedBytes: [] };
  private closed = false;

  constructor(private readonly cfg: ReaderConfig) {
    this.consumer = createConsumer(cfg, cfg.groupId, this.clientId);
  }

  take(max: number): ConsumedRecord[] {
    const out = this.queue.take(max);
    if (this.stream?.isPaused() && this.queue.length < this.cfg.queueCapacity) this.stream.resume();
    return out;
  }

  buffered(): number {
    return this.queue.length;
  }

  fetchMore(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.takeFailure());
    if (!this.stream) {
      this.starting ??= this.start().catch((err) => {
        this.starting = undefined;
        throw err;
      });
      return this.starting.then(() => this.fetchMore());
    }
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => {
      if (this.failure !== undefined) throw this.takeFailure();
    });
  }

  private async start(): Promise<void> {
    await checkTopics(this.consumer, this.cfg, this.cfg.groupTopics);
    const stream = (await this.consumer.consume({
      topics: this.cfg.groupTopics,
      mode: 'committed',
      fallbackMode: this.cfg.startFromLatest ? 'latest' : 'earliest',
      autocommit: false,
      // buffer one reader queue's worth in the stream too; beyond that, pause fetching
      highWaterMark: Math.max(this.cfg.queueCapacity, 1024),
    })) as Stream;
    if (this.closed) {
      await stream.close();
      return;
    }
    stream.on('fetch', () => this.stats.fetches++);
    stream.on('data', (m: Message) => {
      this.queue.push(fromMessage(m));
      if (this.queue.length >= Math.max(this.cfg.queueCapacity, 1024)) stream.pause();
      this.wake();
    });
    stream.on('error', (err: unknown) => {
      this.failure = err;
      this.wake();
    });
    this.stream = stream;
  }

  private takeFailure(): unknown {
    const f = this.failure;
    this.failure = undefined;
    this.stream = undefined; // a failed stream is restarted by the next fetch
    this.starting = undefined;
    return f;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async afterConsume(records: ConsumedRecord[]): Promise<void> {
    if (records.length === 0) return;
    const next = new Map<string, { topic: string; partition: number; offset: bigint; leaderEpoch: number }>();
    for (const r of records) next.set(`${r.topic}:${r.partition}`, { topic: r.topic, partition: r.partition, offset: BigInt(r.offset + 1), leaderEpoch: -1 });
    const [, offsets] = await Promise.all([
      this.consumer.commit({ offsets: [...next.values()] }),
      this.consumer.listOffsets({ topics: [...new Set(records.map((r) => r.topic))] }),
    ]);
    for (const [topic, partitions] of offsets) partitions.forEach((o, p) => this.hwms.set(`${topic}:${p}`, Number(o)));
  }

  highWaterMark(topic: string, partition: number): number {
    return this.hwms.get(`${topic}:${partition}`) ?? 0;
  }

  drainStats(): FetchStats {
    const s = this.stats;
    this.stats = { fetches: 0, fetchedBytes: [] };
    return s;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.stream?.close().catch(() => {});
    await this.consumer.close(true);
  }
}

function fromMessage(m: Message): ConsumedRecord {
  const headers: Record<string, Uint8Array> = {};
  for (const [k, v] of m.headers) if (k) headers[k.toString('utf8')] = v ? toBytesView(v) : new Uint8Array(0);
  return {
    topic: m.topic,
    partition: m.partition,
    offset: Number(m.offset),
    timestamp: Number(m.timestamp),
    key: m.key?.length ? toBytesView(m.key) : null,
    value: m.value?.length ? toBytesView(m.value) : null,
    headers,
  };
}
