/** A consumer-group reader: one group member, its messages stream buffered; offsets committed after each consume(). */
import type { Consumer, Message, MessagesStream } from '@platformatic/kafka';
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
  private readonly hwms = new Map<string, bigint>();
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
      this.queue.push(m);
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
    const last = new Map<string, Message>();
    for (const r of records) last.set(`${r.topic}:${r.partition}`, r as Message);
    const [, offsets] = await Promise.all([
      Promise.all([...last.values()].map((m) => m.commit())),
      this.consumer.listOffsets({ topics: [...new Set(records.map((r) => r.topic))] }),
    ]);
    for (const [topic, partitions] of offsets) partitions.forEach((o, p) => this.hwms.set(`${topic}:${p}`, o));
  }

  highWaterMark(topic: string, partition: number): bigint {
    return this.hwms.get(`${topic}:${partition}`) ?? 0n;
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
