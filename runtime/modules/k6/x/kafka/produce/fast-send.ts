/**
 * Sends merged produce() calls as record batches encoded by record-batch-encoder.ts, one ProduceRequest per
 * partition leader. @platformatic/kafka supplies connections, metadata (leaders) and response parsing;
 * retriable per-partition errors are retried for those partitions only, after a metadata refresh when
 * leadership moved.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { kGetApi, MultipleErrors, ProtocolError, type Broker, type Producer } from '@platformatic/kafka';
import { batchTooLargeCause, isMessageTooLarge } from '../broker-errors.ts';
import type { OutgoingBatch } from './outgoing.ts';
import { RecordBatchEncoder, type RecordSource } from './record-batch-encoder.ts';
import { PRODUCE_VERSION, produceApi, type PartitionBatch, type ProduceResponse } from './produce-request.ts';

export interface FastSendOptions {
  acks: number;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  autocreateTopics: boolean;
  /** the writer's batchBytes, named when the broker refuses a batch as too large */
  maxBatchBytes: number;
}

interface ProducedPartition {
  topic: string;
  partition: number;
}

/** Partitions acknowledged and failures, across the attempts of one send. */
class Outcome {
  readonly acked: ProducedPartition[] = [];
  readonly fatal: Error[] = [];
  /** retriable failures of the latest attempt, and their batches */
  retriable: Error[] = [];
  retry: PartitionBatch[] = [];
  /** leadership or brokers may have changed: refresh metadata before retrying */
  staleMetadata = false;

  nextAttempt(): PartitionBatch[] {
    const retry = this.retry;
    this.retry = [];
    this.retriable = [];
    this.staleMetadata = false;
    return retry;
  }

  fail(batches: readonly PartitionBatch[], error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    if (!isRetriable(e)) {
      this.fatal.push(e);
      return;
    }
    this.retriable.push(e);
    this.retry.push(...batches);
    this.staleMetadata ||= !(e instanceof ProtocolError) || e.hasStaleMetadata === true;
  }
}

export class FastSender {
  private readonly encoder = new RecordBatchEncoder();
  private brokerSpeaksV9?: Promise<boolean>;

  constructor(
    private readonly producer: Producer,
    private readonly options: FastSendOptions,
  ) {}

  /** False when the broker cannot take produce v9: the library's own send must be used. */
  supported(): Promise<boolean> {
    // the library picks the highest version both sides speak, capped at its own maximum (11)
    this.brokerSpeaksV9 ??= new Promise<boolean>((resolve, reject) => {
      this.producer[kGetApi]('Produce', (error, api) => (error ? reject(error) : resolve(api!.version >= PRODUCE_VERSION)));
    }).catch((error: unknown) => {
      this.brokerSpeaksV9 = undefined; // ask again on the next send
      throw error;
    });
    return this.brokerSpeaksV9;
  }

  /** Resolves when every partition is acknowledged; else rejects with `produced.offsets` naming those that were. */
  async send(batches: readonly OutgoingBatch[]): Promise<void> {
    const outcome = new Outcome();
    let pending = this.encode(batches);
    if (pending.length === 0) return;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.attempt(pending, outcome);
      } catch (err) {
        throw withProduced(err, outcome.acked); // metadata failed after the library's own retries
      }
      if (outcome.retry.length === 0 || attempt >= this.options.retries) break;
      if (outcome.staleMetadata) this.producer.clearMetadata();
      await delay(this.options.retryDelayMs);
      pending = outcome.nextAttempt();
    }
    const failures = [...outcome.fatal, ...outcome.retriable];
    if (failures.length === 0) return;
    const error = failures.length === 1 ? failures[0]! : new MultipleErrors('Producing messages failed.', failures);
    throw withProduced(error, outcome.acked);
  }

  /** One record batch per topic-partition; the records keep their order. */
  private encode(batches: readonly OutgoingBatch[]): PartitionBatch[] {
    const byTopic = new Map<string, RecordSource[][]>();
    let lastTopic = '';
    let partitions: RecordSource[][] = [];
    for (const b of batches) {
      for (let i = 0; i < b.records.length; i++) {
        const topic = b.topics[i]!;
        if (topic !== lastTopic) {
          let found = byTopic.get(topic);
          if (!found) byTopic.set(topic, (found = []));
          partitions = found;
          lastTopic = topic;
        }
        (partitions[b.partitions[i]!] ??= []).push(b.records[i]!);
      }
    }
    const now = Date.now();
    const out: PartitionBatch[] = [];
    for (const [topic, byPartition] of byTopic) {
      for (let partition = 0; partition < byPartition.length; partition++) {
        const records = byPartition[partition];
        if (records) out.push({ topic, partition, records: this.encoder.encode(records, now) });
      }
    }
    return out;
  }

  private async attempt(batches: readonly PartitionBatch[], outcome: Outcome): Promise<void> {
    const topics = [...new Set(batches.map((b) => b.topic))];
    const metadata = await this.producer.metadata({ topics, autocreateTopics: this.options.autocreateTopics });
    const byLeader = new Map<number, PartitionBatch[]>();
    for (const b of batches) {
      const leader = metadata.topics.get(b.topic)?.partitions[b.partition]?.leader ?? -1;
      if (!metadata.brokers.has(leader)) {
        outcome.fail([b], new ProtocolError('LEADER_NOT_AVAILABLE', `no leader for ${b.topic}[${b.partition}]`));
        continue;
      }
      let list = byLeader.get(leader);
      if (!list) byLeader.set(leader, (list = []));
      list.push(b); // batches arrive grouped by topic, as the request needs them
    }
    await Promise.all([...byLeader].map(([leader, list]) => this.sendTo(metadata.brokers.get(leader)!, list, outcome)));
  }

  private async sendTo(broker: Broker, batches: PartitionBatch[], outcome: Outcome): Promise<void> {
    const { acks, timeoutMs } = this.options;
    let response: ProduceResponse;
    try {
      const connection = await this.producer.connections.get(broker);
      const reply = await produceApi.async(connection, acks, timeoutMs, batches);
      if (acks === 0) {
        for (const b of batches) outcome.acked.push({ topic: b.topic, partition: b.partition });
        return;
      }
      response = reply as ProduceResponse;
    } catch (error) {
      // a response with partition errors is parsed, then thrown with the whole response attached
      const partial = (error as { response?: ProduceResponse }).response;
      if (!partial?.responses) return outcome.fail(batches, error);
      response = partial;
    }
    this.settle(batches, response, outcome);
  }

  private settle(batches: PartitionBatch[], response: ProduceResponse, outcome: Outcome): void {
    const answered = new Set<PartitionBatch>();
    for (const topic of response.responses) {
      for (const p of topic.partitionResponses) {
        const batch = batches.find((b) => b.partition === p.index && b.topic === topic.name);
        if (!batch) continue;
        answered.add(batch);
        if (p.errorCode === 0) {
          outcome.acked.push({ topic: batch.topic, partition: batch.partition });
          continue;
        }
        const error = new ProtocolError(p.errorCode, p.errorMessage);
        outcome.fail(
          [batch],
          isMessageTooLarge(error)
            ? batchTooLargeCause(batch.topic, batch.partition, batch.records.length, this.options.maxBatchBytes, error)
            : error,
        );
      }
    }
    for (const b of batches) {
      if (!answered.has(b)) outcome.fail([b], new Error(`the broker's produce response left out ${b.topic}[${b.partition}]`));
    }
  }
}

/** Retriable as @platformatic/kafka judges it: a library error none of whose causes forbids a retry. */
function isRetriable(error: Error): boolean {
  const findBy = (error as { findBy?: (property: string, value: unknown) => unknown }).findBy;
  return typeof findBy === 'function' && !findBy.call(error, 'canRetry', false);
}

/** Reports acknowledged partitions the way @platformatic/kafka's send does, so shared-producer reads them alike. */
function withProduced(error: unknown, acked: ProducedPartition[]): unknown {
  if (typeof error === 'object' && error !== null) Object.assign(error, { produced: { offsets: acked } });
  return error;
}
