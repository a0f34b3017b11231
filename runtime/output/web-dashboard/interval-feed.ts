/**
 * Collects the merged worker deltas of a run and hands them to an output once a second, drained,
 * as `MetricsInterval`s. Stand-in until the outputs manager lands (the lead folds it in there).
 */
import { MetricStore } from '../../metrics/store.ts';
import type { Output } from '../output.ts';

export class IntervalFeed {
  /** merge the workers' deltas (and the main thread's samples) here */
  readonly store = new MetricStore();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly output: Output) {}

  start(everyMs = 1000): void {
    this.timer = setInterval(() => this.flush(), everyMs);
  }

  /** the last, partial interval */
  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private flush(): void {
    this.output.addMetrics({ timeMs: Date.now(), delta: this.store.drain() });
  }
}
