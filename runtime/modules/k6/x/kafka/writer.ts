/** `new Writer(config)` (v1) and `new Producer(config)` (v2): produce() over a shared, batching producer. */
import { performance } from 'node:perf_hooks';
import { StreamprobeError } from '../../../../errors.ts';
import type { VUContext } from '../../../../vu-context/context.ts';
import { createBalancer, type ChoosePartition } from './balancers.ts';
import { warnBalancerOnce } from './balancer-warning.ts';
import { tooLargeCause } from './broker-errors.ts';
import { toBuffer } from './bytes.ts';
import { connectionKey } from './client-options.ts';
import { clientPool } from './client-pool.ts';
import { ErrorCode, initContextError, KafkaError, notEnoughArguments } from './errors.ts';
import { HeaderSizer, PRODUCED_MESSAGE_OVERHEAD, writerSample, type TopicTally } from './call-metrics.ts';
import type { KafkaMetrics, WriterSample } from './metrics.ts';
import { contentBytes, type OutgoingBatch } from './produce/outgoing.ts';
import type { RecordSource } from './produce/record-batch-encoder.ts';
import { SharedProducer } from './shared-producer.ts';
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
    /** reused for every call's samples */
    readonly #sample = {} as WriterSample;
    readonly #headerSizer = new HeaderSizer();
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
      if (this.#config.balancer !== undefined && this.#config.balancer !== '') warnBalancerOnce(vu); // v2.1 lets an empty one pass
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
      let tallies: TopicTally[] | undefined;
      let failure: unknown;
      try {
        const prepared = await this.#prepare(scriptMessages);
        tallies = prepared.tallies;
        if (scriptMessages.length > 0) failure = (await this.#producer.send(prepared.batch, prepared.bytes)).error;
      } catch (err) {
        failure = err;
      }
      this.#emit(tallies ?? callTopics(this.#config.topic, scriptMessages), performance.now() - started, failure !== undefined);
      if (failure === undefined) return;
      if (failure instanceof StreamprobeError || failure instanceof KafkaError) throw failure;
      throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', failure);
    }

    /** Destinations for the script's messages, which the encoder then reads in place, and the call's tally per topic. */
    async #prepare(scriptMessages: ScriptMessage[]): Promise<{ batch: OutgoingBatch; bytes: number; tallies: TopicTally[] }> {
      const { topic: writerTopic, batchBytes } = this.#config;
      // locals, not per-record field loads: each VU has its own Writer class, so `this.#x` in this shared
      // code sees one class per VU (megamorphic)
      const producer = this.#producer;
      const headerSizer = this.#headerSizer;
      const choosePartition = this.#choosePartition;
      const count = scriptMessages.length;
      const records: RecordSource[] = new Array(count);
      const topics: string[] = new Array(count);
      const partitions: number[] = new Array(count);
      const tallies: TopicTally[] = [];
      let tally: TopicTally | undefined;
      let bytes = 0;
      let partitionCount = 0;
      for (let i = 0; i < count; i++) {
        const record = encodable(scriptMessages[i]!);
        const topic = messageTopic(writerTopic, scriptMessages[i]!.topic);
        if (tally === undefined || topic !== tally.topic) {
          partitionCount = await producer.partitionCount(topic);
          tally = tallyOf(tallies, topic);
        }
        const size = contentBytes(record.key) + contentBytes(record.value);
        if (size > batchBytes) throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', tooLargeCause(size, batchBytes));
        bytes += size;
        tally.messages++;
        tally.bytes += PRODUCED_MESSAGE_OVERHEAD + size + headerSizer.size(record.headers);
        records[i] = record;
        topics[i] = topic;
        partitions[i] = choosePartition(topic, record.key, size, partitionCount);
      }
      return { batch: { records, topics, partitions }, bytes, tallies };
    }

    #emit(tallies: TopicTally[], elapsedMs: number, failed: boolean): void {
      const gauges = this.#config.gauges;
      if (tallies.length === 0) tallies = [{ topic: '', messages: 0, bytes: 0 }]; // an empty call: one set, as v2 reports it
      for (const t of tallies) metrics.emitWriter(writerSample(t, tallies.length, elapsedMs, failed, gauges, this.#sample), t.topic);
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
  if (!topic)
    throw new KafkaError(ErrorCode.WriterError, 'Error writing messages.', 'no topic: set topic in the writer config or on each message');
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

function tallyOf(tallies: TopicTally[], topic: string): TopicTally {
  let t = tallies.find((x) => x.topic === topic);
  if (!t) tallies.push((t = { topic, messages: 0, bytes: 0 }));
  return t;
}

/** The topics of a call that failed before it was tallied: only its error count is reported, shared between them. */
function callTopics(writerTopic: string, messages: ScriptMessage[]): TopicTally[] {
  const tallies: TopicTally[] = [];
  for (const m of messages) tallyOf(tallies, m.topic || writerTopic);
  return tallies;
}
