/**
 * One @platformatic/kafka Producer shared by every Writer with the same configuration in a worker.
 * Concurrent produce() calls queue up while `maxInflight` sends are outstanding and then leave
 * together as one send — batching grows with concurrency, a lone caller is not delayed.
 * Uncompressed sends encode their record batches themselves (produce/fast-send.ts); compressed ones
 * go through the library's Producer.send().
 */
import { performance } from 'node:perf_hooks';
import { Producer, type CompressionAlgorithmValue } from '@platformatic/kafka';
import type { ClientOptions } from './client-options.ts';
import { isNetworkError, isUnknownTopic, missingTopicCause, unreachable, withDeadline } from './broker-errors.ts';
import { FastSender } from './produce/fast-send.ts';
import { toLibraryMessages, type OutgoingBatch } from './produce/outgoing.ts';

export interface ProducerSettings {
  acks: number;
  compression?: CompressionAlgorithmValue;
  autocreateTopics: boolean;
  maxBatchBytes: number;
  /** 0 = no limit on messages per send */
  maxBatchMessages: number;
  lingerMs: number;
  maxInflight: number;
  requestTimeoutMs: number;
  retries: number;
}

/** A produce() call's outcome: xk6-kafka v2 counts a call whole, so a partly acknowledged send is a failure. */
export interface SendReport {
  error?: unknown;
}

interface Pending {
  batch: OutgoingBatch;
  bytes: number;
  resolve: (r: SendReport) => void;
}

const METADATA_TTL_MS = 30_000;
const RETRY_DELAY_MS = 100;

export class SharedProducer {
  private readonly producer: Producer;
  private readonly fast?: FastSender;
  private readonly queue: Pending[] = [];
  private queuedBytes = 0;
  private inflight = 0;
  private drainScheduled = false;
  private everConnected = false;
  private readonly partitionCounts = new Map<string, { count: number; at: number }>();
  private readonly lookups = new Map<string, Promise<number>>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly client: ClientOptions,
    private readonly settings: ProducerSettings,
    clientId: string,
  ) {
    this.producer = new Producer({
      clientId,
      ...client,
      timeout: settings.requestTimeoutMs,
      retries: settings.retries,
      retryDelay: RETRY_DELAY_MS,
      autocreateTopics: settings.autocreateTopics,
      maxInflights: Math.max(5, settings.maxInflight),
    });
    if (!settings.compression) {
      this.fast = new FastSender(this.producer, {
        acks: settings.acks,
        timeoutMs: settings.requestTimeoutMs,
        retries: settings.retries,
        retryDelayMs: RETRY_DELAY_MS,
        autocreateTopics: settings.autocreateTopics,
        maxBatchBytes: settings.maxBatchBytes,
      });
    }
  }

  /** Partition count of `topic`; rejects with SUTUnreachableError when the brokers were never reachable. */
  partitionCount(topic: string): Promise<number> {
    const cached = this.partitionCounts.get(topic);
    if (cached && performance.now() - cached.at < METADATA_TTL_MS) return Promise.resolve(cached.count);
    let lookup = this.lookups.get(topic);
    if (!lookup) {
      lookup = this.lookupPartitions(topic).finally(() => this.lookups.delete(topic));
      this.lookups.set(topic, lookup);
    }
    return lookup;
  }

  private async lookupPartitions(topic: string): Promise<number> {
    const request = this.producer.metadata({ topics: [topic], autocreateTopics: this.settings.autocreateTopics });
    try {
      const metadata = this.everConnected
        ? await request
        : await withDeadline(request, this.client.connectTimeout, `connecting to ${this.client.bootstrapBrokers.join(',')}`);
      this.everConnected = true;
      const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
      if (count === 0) throw missingTopicCause(topic);
      this.partitionCounts.set(topic, { count, at: performance.now() });
      return count;
    } catch (err) {
      request.catch(() => {}); // the deadline may have won
      if (!this.everConnected && (isNetworkError(err) || /timed out/.test(String((err as Error).message)))) {
        throw unreachable(this.client.bootstrapBrokers, err);
      }
      if (isUnknownTopic(err)) throw missingTopicCause(topic);
      throw err;
    }
  }

  /** `bytes`: key + value bytes of the batch's records. */
  send(batch: OutgoingBatch, bytes: number): Promise<SendReport> {
    return new Promise((resolve) => {
      this.queue.push({ batch, bytes, resolve });
      this.queuedBytes += bytes;
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.inflight >= this.settings.maxInflight) return;
    this.drainScheduled = true;
    const full = this.queuedBytes >= this.settings.maxBatchBytes;
    if (this.settings.lingerMs > 0 && !full) setTimeout(() => this.drain(), this.settings.lingerMs);
    else setImmediate(() => this.drain());
  }

  private drain(): void {
    this.drainScheduled = false;
    while (this.inflight < this.settings.maxInflight && this.queue.length > 0) this.launch(this.takeBatch());
    if (this.inflight === 0 && this.queue.length === 0) this.notifyIdle();
  }

  private takeBatch(): Pending[] {
    const { maxBatchBytes, maxBatchMessages } = this.settings;
    const batch: Pending[] = [];
    let bytes = 0;
    let count = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      const tooBig = bytes + next.bytes > maxBatchBytes || (maxBatchMessages > 0 && count + next.batch.records.length > maxBatchMessages);
      if (batch.length > 0 && tooBig) break;
      this.queue.shift();
      this.queuedBytes -= next.bytes;
      batch.push(next);
      bytes += next.bytes;
      count += next.batch.records.length;
    }
    return batch;
  }

  private launch(batch: Pending[]): void {
    this.inflight++;
    this.sendMerged(batch.map((p) => p.batch))
      .then(
        () => this.settle(batch),
        (error: unknown) => this.settle(batch, error),
      )
      .finally(() => {
        this.inflight--;
        if (this.queue.length > 0) this.scheduleDrain();
        else if (this.inflight === 0) this.notifyIdle();
      });
  }

  private async sendMerged(batches: OutgoingBatch[]): Promise<void> {
    if (this.fast && (await this.fast.supported())) return this.fast.send(batches);
    const { acks, compression, autocreateTopics } = this.settings;
    await this.producer.send({ messages: toLibraryMessages(batches), acks, autocreateTopics, ...(compression && { compression }) });
  }

  private settle(batch: Pending[], error?: unknown): void {
    if (error && isUnknownTopic(error)) this.partitionCounts.clear();
    const report: SendReport = error === undefined ? {} : { error };
    for (const p of batch) p.resolve(report);
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  async close(): Promise<void> {
    if (this.inflight > 0 || this.queue.length > 0) await new Promise<void>((r) => this.idleWaiters.push(r));
    await this.producer.close(true);
  }
}
