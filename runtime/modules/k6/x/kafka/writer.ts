/** `new Writer(config)` (v1) and `new Producer(config)` (v2): produce() over a shared, batching producer. */
import { performance } from 'node:perf_hooks';
import { StreamprobeError } from '../../../../errors.ts';
import type { VUContext } from '../../../../vu/context.ts';
import { createBalancer, type ChoosePartition } from './balancers.ts';
import { tooLargeCause } from './broker-errors.ts';
import { toBuffer } from './bytes.ts';
import { connectionKey } from './client-options.ts';
import { clientPool } from './client-pool.ts';
import { ErrorCode, initContextError, KafkaError, notEnoughArguments } from './errors.ts';
import type { KafkaMetrics } from './metrics.ts';
import { contentBytes, type OutgoingBatch } from './produce/outgoing.ts';
import type { RecordSource } from './produce/record-batch.ts';
import { SharedProducer, type SendReport } from './shared-producer.ts';
import { decodeWriterConfig, producerSettings, type WriterConfig } from './writer-config.ts';

interface ScriptMessage {
  key?: unknown;
  value?: unknown;
  headers?: Record<string, unknown>;
  topic?: string;
  time?: unknown;
}

export function defineWriter(vu: VUContext, metrics: KafkaMetrics) {
  return class Writer {
    readonly #config: WriterConfig;
    readonly #poolKey: string;
    readonly #producer: SharedProducer;
    readonly #choosePartition: ChoosePartition;
    #closed = false;

    constructor(config: unknown) {
      if (config === undefined) throw notEnoughArguments();
      this.#config = decodeWriterConfig(config);
      const settings = producerSettings(this.#config);
      this.#poolKey = `producer:${connectionKey(this.#config.client)}:${JSON.stringify(settings)}`;
      this.#producer = clientPool(vu).acquire(
        this.#poolKey,
        () => new SharedProducer(this.#config.client, settings, 'streamprobe-writer'),
        (p) => p.close(),
      );
      this.#choosePartition = createBalancer(this.#config.balancer);
    }

    produce(config: { messages?: ScriptMessage[] }): Promise<void> {
      if (vu.phase === 'init') throw initContextError();
      if (config === undefined) throw notEnoughArguments();
      if (this.#closed) throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', 'the writer is closed');
      return vu.track(this.#produce(config), 'produce()');
    }

    async #produce(config: { messages?: ScriptMessage[] }): Promise<void> {
      const started = performance.now();
      const scriptMessages = config.messages ?? (config as Record<string, ScriptMessage[]>).Messages ?? [];
      let report: SendReport | undefined;
      let failure: unknown;
      try {
        const { batch, bytes } = await this.#prepare(scriptMessages);
        report = await this.#producer.send(batch, bytes);
        failure = report.error;
      } catch (err) {
        failure = err;
      }
      this.#emit(scriptMessages, report, failure !== undefined, performance.now() - started);
      if (failure === undefined) return;
      if (failure instanceof StreamprobeError || failure instanceof KafkaError) throw failure;
      throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', failure);
    }

    /** Destinations for the script's messages, which the encoder then reads in place. */
    async #prepare(scriptMessages: ScriptMessage[]): Promise<{ batch: OutgoingBatch; bytes: number }> {
      const { topic: writerTopic, batchBytes } = this.#config;
      const count = scriptMessages.length;
      const records: RecordSource[] = new Array(count);
      const topics: string[] = new Array(count);
      const partitions: number[] = new Array(count);
      let bytes = 0;
      let lastTopic = '';
      let partitionCount = 0;
      for (let i = 0; i < count; i++) {
        const record = encodable(scriptMessages[i]!);
        const topic = messageTopic(writerTopic, scriptMessages[i]!.topic);
        if (topic !== lastTopic) {
          partitionCount = await this.#producer.partitionCount(topic);
          lastTopic = topic;
        }
        const key = keyBuffer(record.key);
        const size = (key?.length ?? 0) + contentBytes(record.value);
        if (size > batchBytes) throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', tooLargeCause(size, batchBytes));
        bytes += size;
        records[i] = record;
        topics[i] = topic;
        partitions[i] = this.#choosePartition(topic, key, size, partitionCount);
      }
      return { batch: { records, topics, partitions }, bytes };
    }

    #emit(scriptMessages: ScriptMessage[], report: SendReport | undefined, failed: boolean, elapsedMs: number): void {
      const c = this.#config;
      const topic = c.topic || scriptMessages[0]?.topic || '';
      metrics.emitWriter(
        {
          write_count: 1,
          message_count: report?.acked ?? 0,
          message_bytes: report?.ackedBytes ?? 0,
          error_count: failed ? 1 : 0,
          batch_seconds: report?.batchMs ?? 0,
          batch_queue_seconds: report?.waitMs ?? 0,
          write_seconds: elapsedMs,
          wait_seconds: report?.waitMs ?? 0,
          retries_count: 0,
          batch_size: scriptMessages.length,
          batch_bytes: report?.ackedBytes ?? 0,
          attempts_max: c.maxAttempts,
          batch_max: c.batchSize || 1,
          batch_timeout: c.batchTimeoutMs,
          read_timeout: c.readTimeoutMs,
          write_timeout: c.writeTimeoutMs,
          acks_required: c.acks,
          async: 0,
        },
        { topic },
      );
    }

    /** v2 Producer.flush(): every produce() already waited for its delivery (or was acks=0). */
    flush(): Promise<void> {
      return Promise.resolve();
    }

    stats(): { pending: number } {
      return { pending: 0 };
    }

    close(): Promise<void> {
      if (this.#closed) return Promise.resolve();
      this.#closed = true;
      return vu.track(clientPool(vu).release(this.#poolKey));
    }
  };
}

function messageTopic(writerTopic: string, messageTopic: string | undefined): string {
  if (writerTopic && messageTopic && messageTopic !== writerTopic) {
    throw new KafkaError(
      ErrorCode.WriterError,
      'Error writing messages.',
      `topic "${messageTopic}" is set on a message and "${writerTopic}" on the writer: set it in only one place`,
    );
  }
  const topic = writerTopic || messageTopic;
  if (!topic) throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', 'no topic: set topic in the writer config or on each message');
  return topic;
}

function isContent(x: unknown): x is Uint8Array | string | null | undefined {
  return x === undefined || x === null || typeof x === 'string' || x instanceof Uint8Array;
}

/** The script's own message when its key and value are text or bytes already; a converted copy otherwise. */
function encodable(m: ScriptMessage): RecordSource {
  if (isContent(m.key) && isContent(m.value)) return m as RecordSource;
  return { key: toBuffer(m.key, 'key'), value: toBuffer(m.value, 'value'), headers: m.headers, time: m.time };
}

/** Key bytes as balancers hash them. */
function keyBuffer(key: RecordSource['key']): Buffer | undefined {
  if (key === null || key === undefined) return undefined;
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  return Buffer.isBuffer(key) ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}
