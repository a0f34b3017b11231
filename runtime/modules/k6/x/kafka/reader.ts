/**
 * `new Reader(config)` (v1) / `new Consumer(config)` (v2). consume() reads up to `limit` messages,
 * waiting at most `maxWait` for each; it never waits longer and stops when the iteration is interrupted.
 */
import { performance } from 'node:perf_hooks';
import { StreamprobeError } from '../../../../errors.ts';
import type { VUContext } from '../../../../vu/context.ts';
import { Config } from './config.ts';
import { recordBytes, TimeFormatter, toScriptMessage, type ConsumedRecord, type ScriptMessageOut } from './consumed-message.ts';
import { ErrorCode, initContextError, KafkaError, notEnoughArguments } from './errors.ts';
import { GroupSource } from './group-source.ts';
import { clientPool } from './client-pool.ts';
import type { KafkaMetrics } from './metrics.ts';
import { PartitionSource } from './partition-source.ts';
import { decodeReaderConfig, type ReaderConfig } from './reader-config.ts';
import type { RecordSource } from './record-source.ts';

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

export function defineReader(vu: VUContext, metrics: KafkaMetrics) {
  return class Reader {
    readonly #config: ReaderConfig;
    readonly #source: RecordSource;
    readonly #position = new Map<string, number>();
    /** closes the source; the thread's end closes it if the script never does */
    readonly #release: () => Promise<void>;
    #closed = false;

    constructor(config: unknown) {
      if (config === undefined) throw notEnoughArguments();
      this.#config = decodeReaderConfig(config);
      for (const w of this.#config.warnings) vu.log.warn(w);
      const source = (this.#source = this.#config.groupId ? new GroupSource(this.#config) : new PartitionSource(this.#config));
      this.#release = clientPool(vu).adopt(() => source.close());
    }

    consume(config: unknown = {}): Promise<ScriptMessageOut[]> {
      if (vu.phase === 'init') throw initContextError();
      if (this.#closed) throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', 'the reader is closed');
      const cfg = new Config(config, 'ConsumeConfig');
      const limit = Math.max(1, cfg.num('limit', 0) || cfg.num('maxMessages', 0));
      return vu.track(this.#consume(limit, cfg.bool('nanoPrecision'), cfg.bool('expectTimeout')), 'consume()');
    }

    async #consume(limit: number, nanoPrecision: boolean, expectTimeout: boolean): Promise<ScriptMessageOut[]> {
      const { maxWaitMs, maxWaitText } = this.#config;
      const started = performance.now();
      const records: ConsumedRecord[] = [];
      let waitedMs = 0;
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
          const waitStart = performance.now();
          const outcome = await waitForData(this.#source.fetchMore(), Math.max(0, deadline - waitStart), vu.signal);
          waitedMs += performance.now() - waitStart;
          if (outcome === 'data') continue;
          if (outcome === 'interrupted') throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', 'the iteration was interrupted');
          timedOut = true;
          if (expectTimeout) break;
          throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', `no message arrived within maxWait (${maxWaitText})`);
        }
        await this.#source.afterConsume(records).catch((err) => vu.log.warn(`kafka reader: committing offsets failed: ${(err as Error).message}`));
      } catch (err) {
        failure = err;
      }
      this.#emit(records, performance.now() - started, waitedMs, timedOut, failure !== undefined);
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

    #emit(records: ConsumedRecord[], readMs: number, waitMs: number, timedOut: boolean, failed: boolean): void {
      const c = this.#config;
      let bytes = 0;
      for (let i = 0; i < records.length; i++) {
        const r = records[i];
        bytes += recordBytes(r);
        const next = records[i + 1];
        // the last record of each run of one partition sets its position
        if (next?.partition !== r.partition || next.topic !== r.topic) this.#position.set(`${r.topic}:${r.partition}`, r.offset + 1);
      }
      const stats = this.#source.drainStats();
      const fetched = stats.fetchedBytes;
      const last = records[records.length - 1];
      const topic = last?.topic ?? (c.topic || c.groupTopics[0] || '');
      const partition = last?.partition ?? c.partition;
      const offset = this.#position.get(`${topic}:${partition}`) ?? 0;
      const hwm = this.#source.highWaterMark(topic, partition);
      metrics.emitReader(
        {
          dial_count: 0,
          fetches_count: stats.fetches,
          message_count: records.length,
          message_bytes: bytes,
          rebalance_count: 0,
          timeouts_count: timedOut ? 1 : 0,
          error_count: failed ? 1 : 0,
          dial_seconds: 0,
          read_seconds: readMs,
          wait_seconds: waitMs,
          fetch_size: stats.fetches > 0 ? records.length / stats.fetches : 0,
          fetch_bytes: fetched.length > 0 ? [Math.min(...fetched), Math.max(...fetched)] : [0, 0],
          offset,
          lag: hwm > offset ? hwm - offset : 0,
          fetch_bytes_min: c.minBytes,
          fetch_bytes_max: c.maxBytes,
          fetch_wait_max: c.maxWaitMs,
          queue_length: this.#source.buffered(),
          queue_capacity: c.queueCapacity,
        },
        { topic, clientid: this.#source.clientId, partition: String(partition) },
      );
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
