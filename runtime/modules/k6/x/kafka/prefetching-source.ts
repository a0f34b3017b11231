/**
 * What partition and group readers share: the record buffer, one fetch in flight that runs ahead while the script
 * processes what it took.
 */
import { RecordStream } from './consume/record-stream.ts';
import type { ConsumedRecord } from './consumed-message.ts';
import type { ReaderConfig } from './reader-config.ts';

export abstract class PrefetchingSource {
  protected readonly queue = new RecordStream();
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
    if (
      this.canPrefetch() &&
      !this.inflight &&
      !this.closed &&
      this.queue.length < Math.max(max, this.cfg.queueCapacity, this.lastFetched)
    ) {
      this.fetchMore().catch(() => {}); // a failed prefetch is retried (and reported) by the next fetchMore
    }
    return out;
  }

  fetchMore(): Promise<void> {
    this.inflight ??= this.fetchOnce().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  protected stopFetching(): void {
    this.closed = true;
    this.inflight?.catch(() => {}); // a long poll in flight ends with the connection
  }
}
