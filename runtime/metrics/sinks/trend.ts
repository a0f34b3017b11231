import { percentileKey, type ValuesQuery } from '../aggregations.ts';
import { LogHistogram, type HistogramSnapshot } from './log-histogram.ts';
import type { Sink } from './sink.ts';

export interface TrendSnapshot extends HistogramSnapshot {
  samples: number;
  sum: number;
  min: number;
  max: number;
}

/** count, sum, min and max are exact; percentiles come from the histogram (≤ 0.05 % off). */
export class TrendSink implements Sink<TrendSnapshot> {
  samples = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly histogram = new LogHistogram();

  add(value: number): void {
    this.samples++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.histogram.record(value);
  }

  snapshot(): TrendSnapshot {
    return { samples: this.samples, sum: this.sum, min: this.min, max: this.max, ...this.histogram.snapshot() };
  }

  merge(s: TrendSnapshot): void {
    if (s.samples === 0) return;
    this.samples += s.samples;
    this.sum += s.sum;
    if (s.min < this.min) this.min = s.min;
    if (s.max > this.max) this.max = s.max;
    this.histogram.merge(s);
  }

  reset(): void {
    this.samples = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.histogram.reset();
  }

  /**
   * k6's percentile: i = q/100·(n−1), interpolated linearly between the values at ranks
   * floor(i) and ceil(i); 0 without samples. The extreme ranks use the exact min and max.
   */
  percentile(q: number): number {
    const n = this.samples;
    if (n === 0) return 0;
    const i = Math.min(Math.max((q / 100) * (n - 1), 0), n - 1);
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    let [a, b] = this.histogram.valuesAtRanks(lo, hi);
    if (lo === 0) a = this.min;
    if (hi === n - 1) b = this.max;
    const v = lo === hi ? a : a + (b - a) * (i - lo);
    return Math.min(Math.max(v, this.min), this.max);
  }

  values(query?: ValuesQuery): Record<string, number> {
    const empty = this.samples === 0;
    const out: Record<string, number> = {
      avg: empty ? 0 : this.sum / this.samples,
      min: empty ? 0 : this.min,
      med: this.percentile(50),
      max: empty ? 0 : this.max,
      count: this.samples,
      sum: this.sum,
    };
    for (const q of query?.percentiles ?? []) out[percentileKey(q)] = this.percentile(q);
    return out;
  }
}
