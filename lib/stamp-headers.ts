/**
 * The latency/accuracy stamps every produced record carries as Kafka headers (all decimal or
 * text strings, so they survive any client). Pure; lib/stamps.ts feeds it k6's clock and ids.
 * Readers (the oracle, latency measurement) use the same names.
 */
import { DecimalCounter } from './decimal-counter.ts';

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

/** one record's stamp headers: all values are strings */
export type StampHeaderValues = { [K in (typeof STAMP_HEADERS)[keyof typeof STAMP_HEADERS]]: string };

export interface Stamp {
  runId: string;
  generatorId: string;
  seq: number;
  intendedUs: number;
  sentUs: number;
}

/** epoch ms (possibly fractional) → epoch µs as a decimal string */
export function epochUs(ms: number): string {
  return String(Math.round(ms * 1000));
}

/**
 * Hands out stamp header objects for one generator; the sequence number increments per record.
 * Call `headers` once per record (cheap: the time strings are shared within a batch).
 */
export class Stamper {
  private readonly seqs = new DecimalCounter();

  constructor(readonly runId: string, readonly generatorId: string) {}

  /** the sequence number the next record gets */
  get nextSeq(): number {
    return this.seqs.count;
  }

  /**
   * Headers for a record of a batch whose times were formatted once with epochUs(): everything
   * but the sequence number is a shared string, so a record costs one small object.
   */
  headers(intendedUs: string, sentUs: string): StampHeaderValues {
    // literal keys (= STAMP_HEADERS, checked by a test) give every header object one shape
    return {
      'sp-run': this.runId,
      'sp-gen': this.generatorId,
      'sp-seq': this.seqs.next(),
      'sp-intended-us': intendedUs,
      'sp-sent-us': sentUs,
    };
  }
}

/** Reads stamps back from headers already decoded to strings; undefined if any is missing. */
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
