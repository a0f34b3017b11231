/** `new Writer(config)` (v1) and `new Producer(config)` (v2): produce() over a shared, batching producer. */
import { performance } from 'node:perf_hooks';
import { StreamprobeError } from '../../../../errors.ts';
import type { VUContext } from '../../../../vu/context.ts';
import { createBalancer, type ChoosePartition } from './balancers.ts';
import { tooLargeCause } from './broker-errors.ts';
import { headerBuffer, toBuffer } from './bytes.ts';
import { connectionKey } from './client-options.ts';
import { clientPool } from './client-pool.ts';
import { ErrorCode, initContextError, KafkaError, notEnoughArguments } from './errors.ts';
import type { KafkaMetrics } from './metrics.ts';
import { SharedProducer, type OutgoingMessage, type SendReport } from './shared-producer.ts';
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
      return vu.track(this.#produce(config));
    }

    async #produce(config: { messages?: ScriptMessage[] }): Promise<void> {
      const started = performance.now();
      const scriptMessages = config.messages ?? (config as Record<string, ScriptMessage[]>).Messages ?? [];
      let report: SendReport | undefined;
      let failure: unknown;
      try {
        const { messages, bytes } = await this.#prepare(scriptMessages);
        report = await this.#producer.send(messages, bytes);
        failure = report.error;
      } catch (err) {
        failure = err;
      }
      this.#emit(scriptMessages, report, failure !== undefined, performance.now() - started);
      if (failure === undefined) return;
      if (failure instanceof StreamprobeError || failure instanceof KafkaError) throw failure;
      throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', failure);
    }

    async #prepare(scriptMessages: ScriptMessage[]): Promise<{ messages: OutgoingMessage[]; bytes: number }> {
      const { topic: writerTopic, batchBytes } = this.#config;
      const messages: OutgoingMessage[] = new Array(scriptMessages.length);
      let bytes = 0;
      let lastTopic = '';
      let partitions = 0;
      for (let i = 0; i < scriptMessages.length; i++) {
        const m = scriptMessages[i]!;
        const topic = messageTopic(writerTopic, m.topic);
        if (topic !== lastTopic) {
          partitions = await this.#producer.partitionCount(topic);
          lastTopic = topic;
        }
        const key = toBuffer(m.key, 'key');
        const value = toBuffer(m.value, 'value');
        const size = (key?.length ?? 0) + (value?.length ?? 0);
        if (size > batchBytes) throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', tooLargeCause(size, batchBytes));
        bytes += size;
        const out: OutgoingMessage = { topic, partition: this.#choosePartition(topic, key, size, partitions), key, value };
        if (m.headers) out.headers = headerMap(m.headers);
        if (m.time instanceof Date) out.timestamp = BigInt(m.time.getTime());
        messages[i] = out;
      }
      return { messages, bytes };
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

function headerMap(headers: Record<string, unknown>): Map<Buffer, Buffer> {
  const out = new Map<Buffer, Buffer>();
  for (const [k, v] of Object.entries(headers)) out.set(Buffer.from(k, 'utf8'), headerBuffer(v));
  return out;
}
