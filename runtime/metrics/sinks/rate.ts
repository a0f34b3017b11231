import type { Sink } from './sink.ts';

export interface RateSnapshot {
  samples: number;
  nonZero: number;
}

export class RateSink implements Sink<RateSnapshot> {
  samples = 0;
  private nonZero = 0;

  add(value: number): void {
    this.samples++;
    if (value !== 0) this.nonZero++;
  }

  snapshot(): RateSnapshot {
    return { samples: this.samples, nonZero: this.nonZero };
  }

  merge(s: RateSnapshot): void {
    this.samples += s.samples;
    this.nonZero += s.nonZero;
  }

  reset(): void {
    this.samples = 0;
    this.nonZero = 0;
  }

  /** No `rate` key without samples: a threshold on it then passes (docs/k6-compatibility.md#thresholds). */
  values(): Record<string, number> {
    const out: Record<string, number> = { passes: this.nonZero, fails: this.samples - this.nonZero };
    if (this.samples > 0) out.rate = this.nonZero / this.samples;
    return out;
  }
}
