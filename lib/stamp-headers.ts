/**
 * The latency/accuracy stamp every produced record carries: ONE Kafka header `sp` =
 * `run:gen:seq:intendedUs:sentUs` (ASCII decimal, colon-separated; read from the right, so the run
 * id may hold colons). One header instead of five keeps the per-record cost of stamping, encoding
 * and sending small (bench/lib/stamped-events.ts). Pure; lib/stamps.ts feeds it k6's clock and ids.
 * Readers (the oracle, latency measurement, the reference pipeline) also accept the older five
 * headers of STAMP_HEADERS; `sp` wins when both are present.
 */
import { DecimalCounter } from './decimal-counter.ts';

export const COMPACT_STAMP_HEADER = 'sp';

/** The five-header form older producers wrote; still read, no longer written. */
export const STAMP_HEADERS = {
  /** the test run the record belongs to */
  runId: 'sp-run',
  /** the generator (VU) that produced it */
  generatorId: 'sp-gen',
  /** per-generator sequence number, from 0, no gaps */
  seq: 'sp-seq',
  /** when the iteration was due to start (coordinated-omission-free latency), epoch µs */
  intendedUs: 'sp-intended-us',
  /** when the produce call was made, epoch µs */
  sentUs: 'sp-sent-us',
} as const;

/** a record's stamp header as produced (a type alias, so it is a valid Kafka headers record) */
export type StampHeader = { sp: string };

export interface Stamp {
  runId: string;
  generatorId: string;
  /** per-generator sequence number, from 0, no gaps */
  seq: number;
  /** when the iteration was due to start (coordinated-omission-free latency), epoch µs */
  intendedUs: number;
  /** when the produce call was made, epoch µs */
  sentUs: number;
}

/** epoch ms (possibly fractional) → epoch µs as a decimal string */
export function epochUs(ms: number): string {
  return String(Math.round(ms * 1000));
}

/** The tail `:intendedUs:sentUs` every record of one produce call shares: format it once per batch. */
export function stampTimes(intendedMs: number, sentMs: number): string {
  return ':' + epochUs(intendedMs) + ':' + epochUs(sentMs);
}

/** Hands out stamps for one generator; the sequence number increments per record. */
export class Stamper {
  /** formats `run:gen:seq` */
  private readonly seqs: DecimalCounter;

  constructor(
    readonly runId: string,
    readonly generatorId: string,
  ) {
    this.seqs = new DecimalCounter(`${runId}:${generatorId}:`);
  }

  /** the sequence number the next record gets */
  get nextSeq(): number {
    return this.seqs.count;
  }

  /** The next record's header, given its batch's stampTimes(): one concatenation and one small object. */
  headers(times: string): StampHeader {
    return { sp: this.seqs.next() + times };
  }

  /**
   * The stamp of the first of `count` records sent as one batch (the ingestion gateway numbers record
   * i of a batch `seq + i`); the next stamp continues after them.
   */
  batchHeader(count: number, times: string): StampHeader {
    const header = this.headers(times);
    this.seqs.skip(count - 1);
    return header;
  }
}

export function formatCompactStamp(s: Stamp): string {
  return `${s.runId}:${s.generatorId}:${s.seq}:${s.intendedUs}:${s.sentUs}`;
}

/** The number written in decimal digits at value[from, to); -1 unless it is one or more digits. */
function decimalAt(value: string, from: number, to: number): number {
  if (from >= to) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  // beyond 15 digits the running sum may round differently from the literal's value
  return to - from > 15 ? Number(value.slice(from, to)) : n;
}

/** The stamp of an `sp` header value; undefined when malformed. Per consumed record: no regular expressions, few slices. */
export function parseCompactStamp(value: string): Stamp | undefined {
  const sent = value.lastIndexOf(':');
  const intended = value.lastIndexOf(':', sent - 1);
  const seq = value.lastIndexOf(':', intended - 1);
  const gen = value.lastIndexOf(':', seq - 1);
  if (gen < 0) return undefined;
  const seqNumber = decimalAt(value, seq + 1, intended);
  const intendedUs = decimalAt(value, intended + 1, sent);
  const sentUs = decimalAt(value, sent + 1, value.length);
  if (seqNumber < 0 || intendedUs < 0 || sentUs < 0) return undefined;
  return { runId: value.slice(0, gen), generatorId: value.slice(gen + 1, seq), seq: seqNumber, intendedUs, sentUs };
}

/** Reads the five-header form from headers already decoded to strings; undefined if any is missing. */
export function parseStamp(headers: Readonly<Record<string, string | undefined>>): Stamp | undefined {
  const runId = headers[STAMP_HEADERS.runId];
  const generatorId = headers[STAMP_HEADERS.generatorId];
  const seq = headers[STAMP_HEADERS.seq];
  const intended = headers[STAMP_HEADERS.intendedUs];
  const sent = headers[STAMP_HEADERS.sentUs];
  if (runId === undefined || generatorId === undefined || seq === undefined || intended === undefined || sent === undefined) {
    return undefined;
  }
  return { runId, generatorId, seq: Number(seq), intendedUs: Number(intended), sentUs: Number(sent) };
}

/** A record's stamp from its decoded headers, either form (`sp` wins); undefined when unstamped. */
export function readStamp(headers: Readonly<Record<string, string | undefined>>): Stamp | undefined {
  const compact = headers[COMPACT_STAMP_HEADER];
  return compact !== undefined ? parseCompactStamp(compact) : parseStamp(headers);
}
