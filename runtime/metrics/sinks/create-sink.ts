import type { MetricType } from '../metric.ts';
import { CounterSink, type CounterSnapshot } from './counter.ts';
import { GaugeSink, type GaugeSnapshot } from './gauge.ts';
import { RateSink, type RateSnapshot } from './rate.ts';
import type { Sink } from './sink.ts';
import { TrendSink, type TrendSnapshot } from './trend.ts';

export type SinkSnapshot = CounterSnapshot | GaugeSnapshot | RateSnapshot | TrendSnapshot;
export type AnySink = Sink<SinkSnapshot>;

/** The sink for a metric type; callers pair it only with snapshots of the same type. */
export function createSink(type: MetricType): AnySink {
  switch (type) {
    case 'counter':
      return new CounterSink() as AnySink;
    case 'gauge':
      return new GaugeSink() as AnySink;
    case 'rate':
      return new RateSink() as AnySink;
    case 'trend':
      return new TrendSink() as AnySink;
  }
}
