/**
 * A consumer-group reader: the library keeps the group membership (join, heartbeats, rejoin on rebalance); records
 * are fetched and decoded by our Fetcher, offsets committed after each consume(). After every (re)join the buffer is
 * dropped and reading resumes from the committed offsets: nothing is skipped, and a record is read again only if its
 * commit failed (at-least-once, as with kafka-go).
 */
import { ListOffsetTimestamps, type Consumer } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchOutcome } from './consume/fetch-errors.ts';
import { Fetcher, type FetchTarget } from './consume/fetcher.ts';
import type { ConsumedRecord } from './consumed-message.ts';
import type { ReaderConfig } from './reader-config.ts';
import { PrefetchingSource } from './prefetching-source.ts';
import { checkTopics, createConsumer, nextClientId, type ReaderSource } from './reader-source.ts';

/** how long a member without partitions waits before looking again (a rebalance may assign some) */
const UNASSIGNED_WAIT_MS = 200;
const METADATA_RETRY_MS = 100;

const key = (topic: string, partition: number) => `${topic}:${partition}`;

export class GroupSource extends PrefetchingSource implements ReaderSource {
  readonly clientId = nextClientId('group-reader');
  private readonly consumer: Consumer;
  private readonly fetcher: Fetcher;
  private joining: Promise<void> | undefined;
  /** next fetch offset of each assigned partition; undefined until loaded after a (re)join */
  private positions: Map<string, FetchTarget> | undefined;
  /** bumped by every (re)join: a fetch that started before it is discarded */
  private generation = 0;
  private readonly hwms = new Map<string, number>();
  /** last returned record of each partition, not yet in a commit request */
  private readonly uncommitted = new Map<string, ConsumedRecord>();
  private committing: Promise<void> | undefined;
  private commitFailure: unknown;

  constructor(cfg: ReaderConfig) {
    super(cfg);
    this.consumer = createConsumer(cfg, cfg.groupId, this.clientId);
    this.fetcher = new Fetcher(this.consumer, this.clientId, cfg);
    this.consumer.on('consumer:group:join', () => {
      this.generation++;
      this.positions = undefined;
      this.queue.clear();
    });
  }

  protected canPrefetch(): boolean {
    return this.positions !== undefined;
  }

  protected async fetchOnce(): Promise<void> {
    this.joining ??= this.join().catch((err) => {
      this.joining = undefined;
      throw err;
    });
    await this.joining;
    const generation = this.generation;
    if (!this.positions) {
      const loaded = await this.loadPositions();
      if (generation !== this.generation) return; // rejoined while loading: load again for the new assignment
      this.positions = loaded;
    }
    const positions = this.positions;
    if (positions.size === 0) {
      await sleep(UNASSIGNED_WAIT_MS);
      return;
    }
    const fetched = await this.fetcher.fetch([...positions.values()]);
    if (generation !== this.generation) return; // rebalanced meanwhile: these partitions may be someone else's
    const before = this.queue.length;
    for (const p of fetched) {
      const position = positions.get(key(p.topic, p.partition))!;
      switch (fetchOutcome(p)) {
        case 'reset-offset':
          this.positions = undefined; // reload: committed offsets, else the configured start
          continue;
        case 'refresh-metadata':
          this.consumer.clearMetadata();
          await sleep(METADATA_RETRY_MS);
          continue;
      }
      this.hwms.set(key(p.topic, p.partition), p.highWatermark);
      if (p.nextOffset > position.offset) position.offset = p.nextOffset;
      this.queue.push(p.batches);
    }
    this.lastFetched = this.queue.length - before;
  }

  private async join(): Promise<void> {
    const { groupTopics, sessionTimeoutMs, heartbeatIntervalMs, rebalanceTimeoutMs } = this.cfg;
    await checkTopics(this.consumer, this.cfg, groupTopics);
    for (const t of groupTopics) this.consumer.topics.track(t);
    await this.consumer.joinGroup({
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: heartbeatIntervalMs,
      rebalanceTimeout: rebalanceTimeoutMs,
    });
  }

  /** Where each assigned partition resumes: its committed offset, else the first (or last) offset. */
  private async loadPositions(): Promise<Map<string, FetchTarget>> {
    const assignments = (this.consumer.assignments ?? []).filter((a) => a.partitions.length > 0);
    const positions = new Map<string, FetchTarget>();
    if (assignments.length === 0) return positions;
    await this.commitsSettled(); // our own commits must be visible before reading commits back
    const [committed, starts] = await Promise.all([
      this.consumer.listCommittedOffsets({ topics: assignments }),
      this.consumer.listOffsets({
        topics: assignments.map((a) => a.topic),
        timestamp: this.cfg.startFromLatest ? ListOffsetTimestamps.LATEST : ListOffsetTimestamps.EARLIEST,
      }),
    ]);
    for (const { topic, partitions } of assignments) {
      for (const partition of partitions) {
        const commit = committed.get(topic)?.[partition] ?? -1n;
        const offset = commit >= 0n ? commit : (starts.get(topic)?.[partition] ?? 0n);
        positions.set(key(topic, partition), { topic, partition, offset: Number(offset) });
      }
    }
    return positions;
  }

  /**
   * Queues a commit of where each partition resumes and returns without waiting for it: one commit is in flight
   * at a time, offsets queued meanwhile go in the next one. A failed commit is reported by the next call; close()
   * and a rejoin wait for every queued commit.
   */
  async afterConsume(records: ConsumedRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const following = records[i + 1];
      // the last record of each run of one partition is where that partition resumes
      if (following?.partition !== r.partition || following.topic !== r.topic) this.uncommitted.set(key(r.topic, r.partition), r);
    }
    if (!this.committing && this.uncommitted.size > 0) this.commitQueued();
    const failure = this.commitFailure;
    this.commitFailure = undefined;
    if (failure !== undefined) throw failure;
  }

  private commitQueued(): void {
    const offsets = [...this.uncommitted.values()].map((r) => ({
      topic: r.topic,
      partition: r.partition,
      offset: BigInt(r.offset + 1),
      leaderEpoch: -1,
    }));
    this.uncommitted.clear();
    this.committing = this.consumer.commit({ offsets }).then(
      () => this.commitDone(),
      (err: unknown) => {
        this.commitFailure = err;
        this.commitDone();
      },
    );
  }

  private commitDone(): void {
    this.committing = undefined;
    if (this.uncommitted.size > 0) this.commitQueued();
  }

  private async commitsSettled(): Promise<void> {
    while (this.committing) await this.committing;
  }

  highWaterMark(topic: string, partition: number): number {
    return this.hwms.get(key(topic, partition)) ?? 0;
  }

  async close(): Promise<void> {
    this.stopFetching();
    await this.commitsSettled();
    await this.fetcher.close();
    await this.consumer.close(true);
  }
}
