import type { Sink } from './sink.ts';

export interface GaugeSnapshot {
  samples: number;
  last: number;
  /** epoch ms of `last`: the latest value across workers wins when merging */
  lastTime: number;
  min: number;
  max: number;
}

const wallClockMs = (): number => performance.timeOrigin + performance.now();

export class GaugeSink implements Sink<GaugeSnapshot> {
  samples = 0;
  private last = 0;
  private lastTime = 0;
  private min = 0;
  /** k6 starts max at 0, so a gauge with only negative values reports max 0 */
  private max = 0;

  add(value: number, time: number = wallClockMs()): void {
    this.merge({ samples: 1, last: value, lastTime: time, min: value, max: value });
  }

  snapshot(): GaugeSnapshot {
    return { samples: this.samples, last: this.last, lastTime: this.lastTime, min: this.min, max: this.max };
  }

  merge(s: GaugeSnapshot): void {
    if (s.samples === 0) return;
    if (this.samples === 0 || s.min < this.min) this.min = s.min;
    if (s.max > this.max) this.max = s.max;
    if (this.samples === 0 || s.lastTime >= this.lastTime) {
      this.last = s.last;
      this.lastTime = s.lastTime;
    }
    this.samples += s.samples;
  }

  reset(): void {
    this.samples = 0;
    this.last = 0;
    this.lastTime = 0;
    this.min = 0;
    this.max = 0;
  }

  values(): Record<string, number> {
    return { value: this.last, min: this.min, max: this.max };
  }
}
