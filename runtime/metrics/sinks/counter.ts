import type { ValuesQuery } from '../aggregations.ts';
import type { Sink } from './sink.ts';

export interface CounterSnapshot {
  samples: number;
  sum: number;
}

export class CounterSink implements Sink<CounterSnapshot> {
  samples = 0;
  private sum = 0;

  add(value: number): void {
    this.samples++;
    this.sum += value;
  }

  snapshot(): CounterSnapshot {
    return { samples: this.samples, sum: this.sum };
  }

  merge(s: CounterSnapshot): void {
    this.samples += s.samples;
    this.sum += s.sum;
  }

  reset(): void {
    this.samples = 0;
    this.sum = 0;
  }

  values(query?: ValuesQuery): Record<string, number> {
    const elapsedMs = query?.elapsedMs ?? 0;
    return { count: this.sum, rate: elapsedMs > 0 ? this.sum / (elapsedMs / 1000) : 0 };
  }
}
