/**
 * A partition reader (no group): its own fetch loop on one topic-partition, starting at `offset` or the earliest.
 * One fetch runs ahead while the script processes what it took.
 */
import type { Consumer } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchOutcome } from './consume/fetch-errors.ts';
import { Fetcher } from './consume/fetcher.ts';
import type { ReaderConfig } from './reader-config.ts';
import { PrefetchingSource } from './prefetching-source.ts';
import { checkTopics, createConsumer, nextClientId, type ReaderSource } from './reader-source.ts';

const EARLIEST = -2n;
const METADATA_RETRY_MS = 100;

export class PartitionSource extends PrefetchingSource implements ReaderSource {
  readonly clientId = nextClientId('reader');
  private readonly consumer: Consumer;
  private readonly fetcher: Fetcher;
  private nextOffset: number | undefined;
  private hwm = 0;
  private started = false;

  constructor(cfg: ReaderConfig) {
    super(cfg);
    // the group id is required by the client but never joined
    this.consumer = createConsumer(cfg, `${this.clientId}-unjoined`, this.clientId);
    this.fetcher = new Fetcher(this.consumer, this.clientId, cfg);
    if (cfg.offset > 0) this.nextOffset = cfg.offset;
  }

  protected canPrefetch(): boolean {
    return this.started;
  }

  protected async fetchOnce(): Promise<void> {
    const { topic, partition } = this.cfg;
    if (!this.started) {
      await checkTopics(this.consumer, this.cfg, [topic]);
      this.started = true;
    }
    this.nextOffset ??= await this.earliest();
    const [p] = await this.fetcher.fetch([{ topic, partition, offset: this.nextOffset }]);
    switch (fetchOutcome(p)) {
      case 'reset-offset':
        this.nextOffset = await this.earliest();
        return;
      case 'refresh-metadata':
        this.consumer.clearMetadata();
        await sleep(METADATA_RETRY_MS);
        return;
    }
    this.hwm = p.highWatermark;
    if (p.nextOffset > this.nextOffset) this.nextOffset = p.nextOffset;
    const before = this.queue.length;
    this.queue.push(p.batches);
    this.lastFetched = this.queue.length - before;
  }

  private async earliest(): Promise<number> {
    const { topic, partition } = this.cfg;
    const offsets = await this.consumer.listOffsets({ topics: [topic], partitions: { [topic]: [partition] }, timestamp: EARLIEST });
    return Number(offsets.get(topic)?.[partition] ?? 0n);
  }

  async afterConsume(): Promise<void> {}

  highWaterMark(): number {
    return this.hwm;
  }

  async close(): Promise<void> {
    this.stopFetching();
    await this.fetcher.close();
    await this.consumer.close(true);
  }
}
