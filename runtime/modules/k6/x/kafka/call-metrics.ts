/**
 * kafka_writer_* / kafka_reader_* values as xk6-kafka v2.1 derives them per produce()/consume()
 * call (docs/k6-compatibility.md#xk6-kafka): one sample set per topic the call wrote to, or per topic+partition it read
 * from. Pure; writer.ts and reader.ts tally the call and emit what these return.
 */
import type { ConsumedRecord } from './consumed-message.ts';
import { goBytesTextLength, goTextLength, utf8Length } from './go-text.ts';
import type { ReaderSample, WriterSample } from './metrics.ts';
import { contentBytes } from './produce/outgoing.ts';
import type { RecordSource } from './produce/record-batch-encoder.ts';

/** Bytes xk6-kafka v2 adds per produced message, kept from kafka-go's accounting. */
export const PRODUCED_MESSAGE_OVERHEAD = 23;

/**
 * Bytes of a produced message's header names and %v value texts. Records built alike repeat
 * their header names, and often values (a batch's shared stamps), in the same order: the sizes
 * of the previous record's are kept by position, so a repeat costs one === instead of a scan.
 */
export class HeaderSizer {
  private readonly names: string[] = [];
  private readonly nameBytes: number[] = [];
  private readonly values: unknown[] = [];
  private readonly valueBytes: number[] = [];

  size(headers: Readonly<Record<string, unknown>> | null | undefined): number {
    if (!headers) return 0;
    let n = 0;
    let i = 0;
    for (const name in headers) {
      const value = headers[name];
      if (name !== this.names[i]) {
        this.names[i] = name;
        this.nameBytes[i] = utf8Length(name);
      }
      if (typeof value === 'object' && value !== null) {
        n += goTextLength(value); // bytes may change in place: never memoized
        this.values[i] = undefined;
        this.valueBytes[i] = -1;
      } else {
        if (value !== this.values[i] || this.valueBytes[i]! < 0) {
          this.values[i] = value;
          this.valueBytes[i] = goTextLength(value);
        }
        n += this.valueBytes[i]!;
      }
      n += this.nameBytes[i]!;
      i++;
    }
    return n;
  }
}

/** A consumed message's kafka_reader_message_bytes; header values are bytes, counted as Go prints a byte slice. */
export function consumedBytes(r: ConsumedRecord): number {
  let n = (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const name in r.headers) n += utf8Length(name) + goBytesTextLength(r.headers[name]!);
  return n;
}

/** What one produce() call wrote to one topic. */
export interface TopicTally {
  topic: string;
  messages: number;
  /** Σ producedBytes */
  bytes: number;
}

/** The writer's gauges: its librdkafka settings as xk6-kafka v2 sets them; unset ones read 0. */
export type WriterGauges = Pick<
  WriterSample,
  'attempts_max' | 'batch_max' | 'batch_timeout' | 'read_timeout' | 'write_timeout' | 'acks_required'
>;

/**
 * One topic's samples; `out` is filled and returned (a writer reuses one object). A failed call
 * counts nothing but an error shared between its topics.
 */
export function writerSample(
  t: TopicTally,
  topics: number,
  elapsedMs: number,
  failed: boolean,
  gauges: WriterGauges,
  out: WriterSample,
): WriterSample {
  const ok = !failed && t.messages > 0;
  out.write_count = failed ? 0 : t.messages; // v2 counts one write per message
  out.message_count = failed ? 0 : t.messages;
  out.message_bytes = failed ? 0 : t.bytes;
  out.error_count = failed ? 1 / topics : 0;
  out.batch_seconds = ok ? elapsedMs / t.messages : 0;
  out.batch_queue_seconds = 0;
  out.write_seconds = failed ? 0 : elapsedMs;
  out.wait_seconds = 0;
  out.retries_count = 0;
  out.batch_size = ok ? 1 : 0;
  out.batch_bytes = ok ? t.bytes / t.messages : 0;
  Object.assign(out, gauges);
  out.async = 0;
  return out;
}

/** What one consume() call read from one partition. */
export interface PartitionTally {
  topic: string;
  partition: number;
  messages: number;
  /** Σ consumedBytes */
  bytes: number;
  lastOffset: number;
  highWaterMark: number;
}

export interface ConsumeOutcome {
  elapsedMs: number;
  /** messages the whole call returned */
  messages: number;
  /** partitions the call read from (1 when it read nothing) */
  partitions: number;
  timedOut: boolean;
  failed: boolean;
}

/** The reader's gauges: fetch.min.bytes, fetch.max.bytes and fetch.wait.max.ms as set; unset ones read 0. */
export type ReaderGauges = Pick<ReaderSample, 'fetch_bytes_min' | 'fetch_bytes_max' | 'fetch_wait_max'>;

/** One partition's samples. A call that timed out or failed counts one timeout or error, shared between its partitions. */
export function readerSample(t: PartitionTally, call: ConsumeOutcome, gauges: ReaderGauges, out: ReaderSample): ReaderSample {
  const share = 1 / call.partitions;
  const erred = call.failed || call.timedOut;
  const active = call.messages > 0 || erred;
  out.dial_count = active ? share : 0;
  out.fetches_count = active && (t.messages > 0 || erred) ? t.messages + share : 0;
  out.message_count = t.messages;
  out.message_bytes = t.bytes;
  out.rebalance_count = 0;
  out.timeouts_count = call.timedOut ? share : 0;
  out.error_count = call.failed && !call.timedOut ? share : 0;
  out.dial_seconds = 0;
  out.read_seconds = active ? call.elapsedMs : 0;
  out.wait_seconds = 0;
  out.fetch_size = t.messages;
  out.fetch_bytes = t.bytes;
  out.offset = t.lastOffset;
  out.lag = t.highWaterMark > t.lastOffset ? t.highWaterMark - t.lastOffset : 0;
  Object.assign(out, gauges);
  out.queue_length = 0;
  out.queue_capacity = 0;
  return out;
}
