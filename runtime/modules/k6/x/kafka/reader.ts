/**
 * `new Reader(config)` (v1) / `new Consumer(config)` (v2). consume() reads up to `limit` messages,
 * waiting at most `maxWait` for each; it never waits longer and stops when the iteration is interrupted.
 */
import { performance } from 'node:perf_hooks';
import { StreamprobeError } from '../../../../errors.ts';
import type { VUContext } from '../../../../vu-context/context.ts';
import { Config } from './config.ts';
import { consumedBytes, readerSample, type ConsumeOutcome, type PartitionTally, type ReaderGauges } from './call-metrics.ts';
import { TimeFormatter, toScriptMessage, type ConsumedRecord, type ScriptMessageOut } from './consumed-message.ts';
import { ErrorCode, initContextError, KafkaError, notEnoughArguments } from './errors.ts';
import { GroupSource } from './group-source.ts';
import { clientPool } from './client-pool.ts';
import type { KafkaMetrics, ReaderSample } from './metrics.ts';
import { PartitionSource } from './partition-source.ts';
import { decodeReaderConfig, type ReaderConfig } from './reader-config.ts';
import type { ReaderSource } from './reader-source.ts';

type WaitOutcome = 'data' | 'timeout' | 'interrupted';

function waitForData(fetch: Promise<void>, ms: number, signal: AbortSignal): Promise<WaitOutcome> {
  if (signal.aborted) return Promise.resolve('interrupted');
  return new Promise<WaitOutcome>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      resolve('interrupted');
    };
    const timer = setTimeout(() => {
      done();
      resolve('timeout');
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    fetch.then(
      () => (done(), resolve('data')),
      (err) => (done(), reject(err)),
    );
  });
}

/** xk6-kafka v2 sets no client.id, so its `clientid` tag is empty. */
const CLIENT_ID = '';

function tallyOf(tallies: PartitionTally[], topic: string, partition: number): PartitionTally {
  let t = tallies.find((x) => x.partition === partition && x.topic === topic);
  if (!t) tallies.push((t = { topic, partition, messages: 0, bytes: 0, lastOffset: 0, highWaterMark: 0 }));
  return t;
}

/** v2.1 reports an empty call under the reader's one topic (empty with several group topics) and partition 0. */
function emptyTally(c: ReaderConfig): PartitionTally {
  const topic = c.topic || (c.groupTopics.length === 1 ? c.groupTopics[0]! : '');
  return { topic, partition: 0, messages: 0, bytes: 0, lastOffset: 0, highWaterMark: 0 };
}

export function defineReader(vu: VUContext, metrics: KafkaMetrics) {
  return class Reader {
    readonly #config: ReaderConfig;
    readonly #source: ReaderSource;
    readonly #position = new Map<string, number>();
    readonly #gauges: ReaderGauges;
    /** reused for every call's samples */
    readonly #sample = {} as ReaderSample;
    /** closes the source; the thread's end closes it if the script never does */
    readonly #release: () => Promise<void>;
    #closed = false;

    constructor(config: unknown) {
      if (config === undefined) throw notEnoughArguments();
      this.#config = decodeReaderConfig(config);
      for (const w of this.#config.warnings) vu.log.warn(w);
      const source = (this.#source = this.#config.groupId ? new GroupSource(this.#config) : new PartitionSource(this.#config));
      this.#release = clientPool(vu).adopt(() => source.close());
      this.#gauges = this.#config.gauges;
    }

    consume(config: unknown = {}): Promise<ScriptMessageOut[]> {
      if (vu.phase === 'init') throw initContextError();
      if (this.#closed) throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', 'the reader is closed');
      const cfg = new Config(config, 'ConsumeConfig');
      // v2: maxMessages wins over limit; neither (or ≤ 0) reads one message
      const limit = Math.max(1, cfg.num('maxMessages', 0) || cfg.num('limit', 0));
      return vu.track(this.#consume(limit, cfg.bool('nanoPrecision'), cfg.bool('expectTimeout')), 'consume()');
    }

    async #consume(limit: number, nanoPrecision: boolean, expectTimeout: boolean): Promise<ScriptMessageOut[]> {
      const { maxWaitMs, maxWaitText } = this.#config;
      const started = performance.now();
      const records: ConsumedRecord[] = [];
      let timedOut = false;
      let failure: unknown;
      try {
        let deadline = performance.now() + maxWaitMs;
        while (records.length < limit) {
          const got = this.#source.take(limit - records.length);
          if (got.length > 0) {
            for (const r of got) records.push(r);
            deadline = performance.now() + maxWaitMs;
            continue;
          }
          const outcome = await waitForData(this.#source.fetchMore(), Math.max(0, deadline - performance.now()), vu.signal);
          if (outcome === 'data') continue;
          if (outcome === 'interrupted')
            throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', 'the iteration was interrupted');
          timedOut = true;
          if (expectTimeout) break;
          throw new KafkaError(
            ErrorCode.FailedToReadMessage,
            'Unable to read messages.',
            `no message arrived within maxWait (${maxWaitText})`,
          );
        }
        await this.#source
          .afterConsume(records)
          .catch((err) => vu.log.warn(`kafka reader: committing offsets failed: ${(err as Error).message}`));
      } catch (err) {
        failure = err;
      }
      this.#emit(records, { elapsedMs: performance.now() - started, messages: records.length, timedOut, failed: failure !== undefined });
      if (failure !== undefined) {
        if (failure instanceof KafkaError || failure instanceof StreamprobeError) throw failure;
        throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', failure);
      }
      return this.#toScript(records, nanoPrecision);
    }

    #toScript(records: ConsumedRecord[], nanoPrecision: boolean): ScriptMessageOut[] {
      const time = new TimeFormatter(nanoPrecision);
      const out = new Array<ScriptMessageOut>(records.length);
      let hwm = 0;
      let prev: ConsumedRecord | undefined;
      for (let i = 0; i < records.length; i++) {
        const r = records[i];
        if (prev?.partition !== r.partition || prev.topic !== r.topic) hwm = this.#source.highWaterMark(r.topic, r.partition);
        out[i] = toScriptMessage(r, hwm, time);
        prev = r;
      }
      return out;
    }

    /** One sample set per partition the call read from (v2.1); the call's topic and partition 0 when it read nothing. */
    #emit(records: ConsumedRecord[], outcome: Omit<ConsumeOutcome, 'partitions'>): void {
      const tallies: PartitionTally[] = [];
      let t: PartitionTally | undefined;
      for (const r of records) {
        if (t === undefined || r.partition !== t.partition || r.topic !== t.topic) t = tallyOf(tallies, r.topic, r.partition);
        t.messages++;
        t.bytes += consumedBytes(r);
        t.lastOffset = r.offset;
      }
      if (tallies.length === 0) tallies.push(emptyTally(this.#config));
      const call: ConsumeOutcome = { ...outcome, partitions: tallies.length };
      for (const p of tallies) {
        if (p.messages > 0) {
          p.highWaterMark = this.#source.highWaterMark(p.topic, p.partition);
          this.#position.set(`${p.topic}:${p.partition}`, p.lastOffset + 1);
        }
        metrics.emitReader(readerSample(p, call, this.#gauges, this.#sample), p.topic, CLIENT_ID, p.partition);
      }
    }

    /** v2 Consumer.position(partition): the next offset this reader will return. */
    position(partition: number): number {
      const topic = this.#config.topic || this.#config.groupTopics[0] || '';
      return this.#position.get(`${topic}:${partition}`) ?? -1;
    }

    stats(): { assignments: number } {
      return { assignments: this.#config.groupId ? 0 : 1 };
    }

    close(): Promise<void> {
      if (this.#closed) return Promise.resolve();
      this.#closed = true;
      return vu.track(this.#release());
    }
  };
}
