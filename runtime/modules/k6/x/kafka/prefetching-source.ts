/**
 * What partition and group readers share: the record buffer, one fetch in flight that runs ahead while the script
 * processes what it took, and the fetch counters reported with each consume().
 */
import { RecordStream } from './consume/record-stream.ts';
import type { ConsumedRecord } from './consumed-message.ts';
import type { ReaderConfig } from './reader-config.ts';
import type { FetchStats } from './record-source.ts';

export abstract class PrefetchingSource {
  protected readonly queue = new RecordStream();
  protected stats: FetchStats = { fetches: 0, fetchedBytes: [] };
  /** records the last fetch added: the next prefetch starts before the buffer falls below it */
  protected lastFetched = 0;
  protected closed = false;
  private inflight: Promise<void> | undefined;

  protected constructor(protected readonly cfg: ReaderConfig) {}

  /** positions are known, so a fetch can run ahead */
  protected abstract canPrefetch(): boolean;
  protected abstract fetchOnce(): Promise<void>;

  take(max: number): ConsumedRecord[] {
    const out = this.queue.take(max);
    if (this.canPrefetch() && !this.inflight && !this.closed && this.queue.length < Math.max(max, this.cfg.queueCapacity, this.lastFetched)) {
      this.fetchMore().catch(() => {}); // a failed prefetch is retried (and reported) by the next fetchMore
    }
    return out;
  }

  buffered(): number {
    return this.queue.length;
  }

  fetchMore(): Promise<void> {
    this.inflight ??= this.fetchOnce().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  drainStats(): FetchStats {
    const s = this.stats;
    this.stats = { fetches: 0, fetchedBytes: [] };
    return s;
  }

  protected stopFetching(): void {
    this.closed = true;
    this.inflight?.catch(() => {}); // a long poll in flight ends with the connection
  }
}
