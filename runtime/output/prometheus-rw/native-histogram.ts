/**
 * A trend's histogram as a Prometheus native (sparse exponential) histogram. k6 asks for a bucket
 * factor of 1.1, which Prometheus' client resolves to schema 3 (each bucket spans 2^(1/8) ≈ 1.09).
 * Our buckets are finer (≈ 0.1 %), so each of ours falls, by its midpoint, into one native bucket.
 */
import { keyValue, type HistogramSnapshot } from '../../metrics/sinks/log-histogram.ts';

export const SCHEMA = 3;
/** Prometheus' client default: |v| at most this counts in the zero bucket */
export const ZERO_THRESHOLD = 2.938735877055719e-39;

export interface BucketSpan {
  offset: number;
  length: number;
}

export interface NativeHistogram {
  countInt: number;
  sum: number;
  schema: number;
  zeroThreshold: number;
  zeroCountInt: number;
  positiveSpans: BucketSpan[];
  positiveDeltas: number[];
  negativeSpans: BucketSpan[];
  negativeDeltas: number[];
  timestamp: number;
}

/** Bucket i holds (2^((i−1)/2^schema), 2^(i/2^schema)]. */
export function bucketIndex(v: number): number {
  return Math.ceil(Math.log2(v) * (1 << SCHEMA));
}

/** `scale` converts values (ms → s for time trends); `sum` must already be scaled. */
export function nativeHistogram(h: HistogramSnapshot, count: number, sum: number, scale: number, timestamp: number): NativeHistogram {
  const positive = new Map<number, number>();
  const negative = new Map<number, number>();
  let zero = 0;
  for (let i = 0; i < h.keys.length; i++) {
    const v = keyValue(h.keys[i]!) * scale;
    const n = h.counts[i]!;
    if (Math.abs(v) <= ZERO_THRESHOLD) zero += n;
    else {
      const side = v > 0 ? positive : negative;
      const idx = bucketIndex(Math.abs(v));
      side.set(idx, (side.get(idx) ?? 0) + n);
    }
  }
  const pos = spansAndDeltas(positive);
  const neg = spansAndDeltas(negative);
  return {
    countInt: count,
    sum,
    schema: SCHEMA,
    zeroThreshold: ZERO_THRESHOLD,
    zeroCountInt: zero,
    positiveSpans: pos.spans,
    positiveDeltas: pos.deltas,
    negativeSpans: neg.spans,
    negativeDeltas: neg.deltas,
    timestamp,
  };
}

/** Runs of consecutive indexes become spans (offset from the previous span's end); counts become deltas. */
export function spansAndDeltas(buckets: ReadonlyMap<number, number>): { spans: BucketSpan[]; deltas: number[] } {
  const indexes = [...buckets.keys()].sort((a, b) => a - b);
  const spans: BucketSpan[] = [];
  const deltas: number[] = [];
  let next = 0;
  let previous = 0;
  for (const idx of indexes) {
    const span = spans[spans.length - 1];
    if (span !== undefined && idx === next) span.length++;
    else spans.push({ offset: spans.length === 0 ? idx : idx - next, length: 1 });
    next = idx + 1;
    const count = buckets.get(idx)!;
    deltas.push(count - previous);
    previous = count;
  }
  return { spans, deltas };
}
