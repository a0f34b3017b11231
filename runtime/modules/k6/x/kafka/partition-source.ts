/** A partition reader (no group): its own fetch loop on one topic-partition, starting at `offset` or the earliest. */
import type { Consumer } from '@platformatic/kafka';
import type { ConsumedRecord } from './consumed-message.ts';
import type { ReaderConfig } from './reader-config.ts';
import { checkTopics, createConsumer, nextClientId, RecordQueue, type FetchStats, type RecordSource } from './record-source.ts';

const IS_CONTROL_BATCH = 0x20;
const EARLIEST = -2n;

export class PartitionSource implements RecordSource {
  readonly clientId = nextClientId('reader');
  private readonly consumer: Consumer;
  private readonly queue = new RecordQueue();
  private nextOffset: bigint | undefined;
  private hwm = 0n;
  private inflight: Promise<void> | undefined;
  private started = false;
  private stats: FetchStats = { fetches: 0, fetchedBytes: [] };

  constructor(private readonly cfg: ReaderConfig) {
    // the group id is required by the client but never joined
    this.consumer = createConsumer(cfg, `${this.clientId}-unjoined`, this.clientId);
    if (cfg.offset > 0) this.nextOffset = BigInt(cfg.offset);
  }

  take(max: number): ConsumedRecord[] {
    return this.queue.take(max);
  }

  buffered(): number {
    return this.queue.length;
  }

  fetchMore(): Promise<void> {
    this.inflight ??= this.fetchOnce().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async fetchOnce(): Promise<void> {
    const { topic, partition } = this.cfg;
    if (!this.started) {
      await checkTopics(this.consumer, this.cfg, [topic]);
      this.started = true;
    }
    this.nextOffset ??= await this.earliest();
    const metadata = await this.consumer.metadata({ topics: [topic] });
    const t = metadata.topics.get(topic)!;
    const leader = t.partitions[partition]?.leader;
    if (leader === undefined) throw new Error(`topic "${topic}" has no partition ${partition} (it has ${t.partitionsCount})`);
    const fetchOffset = this.nextOffset;
    let response;
    try {
      response = await this.consumer.fetch({
        node: leader,
        topics: [{ topicId: t.id, partitions: [{ partition, fetchOffset, partitionMaxBytes: this.cfg.maxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }] }],
      });
    } catch (err) {
      if ((err as { findBy?(p: string, v: unknown): unknown }).findBy?.('apiId', 'OFFSET_OUT_OF_RANGE')) {
        this.nextOffset = await this.earliest();
        return;
      }
      throw err;
    }
    this.stats.fetches++;
    let bytes = 0;
    for (const topicResponse of response.responses) {
      for (const p of topicResponse.partitions) {
        this.hwm = p.highWatermark;
        for (const batch of p.records ?? []) {
          bytes += batch.length;
          this.nextOffset = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
          if (batch.attributes & IS_CONTROL_BATCH) continue;
          for (const r of batch.records) {
            const offset = batch.firstOffset + BigInt(r.offsetDelta);
            if (offset < fetchOffset) continue;
            this.queue.push({ topic, partition, offset, timestamp: batch.firstTimestamp + r.timestampDelta, key: r.key, value: r.value, headers: r.headers });
          }
        }
      }
    }
    this.stats.fetchedBytes.push(bytes);
  }

  private async earliest(): Promise<bigint> {
    const { topic, partition } = this.cfg;
    const offsets = await this.consumer.listOffsets({ topics: [topic], partitions: { [topic]: [partition] }, timestamp: EARLIEST });
    return offsets.get(topic)?.[partition] ?? 0n;
  }

  async afterConsume(): Promise<void> {}

  highWaterMark(): bigint {
    return this.hwm;
  }

  drainStats(): FetchStats {
    const s = this.stats;
    this.stats = { fetches: 0, fetchedBytes: [] };
    return s;
  }

  async close(): Promise<void> {
    this.inflight?.catch(() => {}); // a long poll in flight ends with the connection
    await this.consumer.close(true);
  }
}
