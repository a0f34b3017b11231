/**
 * Aggregated samples keyed by metric and tag set. A worker's store hands out cached `Series`
 * handles for the hot path and ships deltas with `drain()`; the main thread's store `merge()`s
 * them and answers threshold, summary and output queries.
 */
import type { ValuesQuery } from './aggregations.ts';
import type { MetricDef, Tags } from './metric.ts';
import { createSink, type AnySink, type SinkSnapshot } from './sinks/create-sink.ts';
import { tagSetKey, tagsMatch } from './tags.ts';

export class Series {
  /** a drain has shipped samples of this series: it counts as observed after its sink resets */
  shipped = false;
  /** every sample as (epoch ms, value) pairs, kept only while a per-sample output (json, csv) is on */
  kept: number[] | null = null;

  constructor(
    readonly def: MetricDef,
    readonly tags: Tags,
    readonly sink: AnySink,
  ) {}

  add(value: number): void {
    this.sink.add(value);
    if (this.kept !== null) this.kept.push(Date.now(), value);
  }
}

export interface SeriesSnapshot {
  metric: string;
  tags: Record<string, string>;
  data: SinkSnapshot;
  /** the individual samples as (epoch ms, value) pairs, when the store keeps them */
  samples?: Float64Array;
}

/** Plain data (structured-clone safe): the definitions of its metrics and one delta per series. */
export interface StoreSnapshot {
  metrics: MetricDef[];
  series: SeriesSnapshot[];
}

interface MetricEntry {
  readonly def: MetricDef;
  readonly series: Map<string, Series>;
}

export class MetricStore {
  private readonly metrics = new Map<string, MetricEntry>();
  private keepSamples = false;

  /** From now on every series also keeps its individual samples and drains ship them. */
  keepIndividualSamples(): void {
    this.keepSamples = true;
    for (const { series } of this.metrics.values()) for (const s of series.values()) s.kept ??= [];
  }

  /** The handle for one tag set; keep it and call `add()` to skip the tag-set lookup. */
  series(def: MetricDef, tags: Tags): Series {
    const entry = this.entry(def);
    const key = tagSetKey(tags);
    let series = entry.series.get(key);
    if (series === undefined) {
      series = new Series(entry.def, Object.freeze({ ...tags }), createSink(entry.def.type));
      if (this.keepSamples) series.kept = [];
      entry.series.set(key, series);
    }
    return series;
  }

  add(def: MetricDef, tags: Tags, value: number): void {
    this.series(def, tags).add(value);
  }

  /** The samples since the previous drain; the sinks start over. */
  drain(): StoreSnapshot {
    const metrics: MetricDef[] = [];
    const series: SeriesSnapshot[] = [];
    for (const { def, series: all } of this.metrics.values()) {
      let shipped = false;
      for (const s of all.values()) {
        if (s.sink.samples === 0) continue;
        const shippedSeries: SeriesSnapshot = { metric: def.name, tags: { ...s.tags }, data: s.sink.snapshot() };
        if (s.kept !== null) {
          shippedSeries.samples = Float64Array.from(s.kept);
          s.kept.length = 0;
        }
        series.push(shippedSeries);
        s.sink.reset();
        s.shipped = shipped = true;
      }
      if (shipped) metrics.push({ name: def.name, type: def.type, contains: def.contains });
    }
    return { metrics, series };
  }

  merge(snapshot: StoreSnapshot): void {
    const defs = new Map(snapshot.metrics.map((def) => [def.name, def]));
    for (const { metric, tags, data, samples } of snapshot.series) {
      const def = defs.get(metric);
      if (def === undefined) throw new Error(`metric snapshot has series of '${metric}' but not its definition`);
      const series = this.series(def, tags);
      series.sink.merge(data);
      if (series.kept !== null && samples !== undefined) for (const x of samples) series.kept.push(x);
    }
  }

  definition(name: string): MetricDef | undefined {
    return this.metrics.get(name)?.def;
  }

  /**
   * k6's aggregation keys over all series of `name` whose tags contain `filter` (a
   * sub-metric); undefined when none of them has samples.
   */
  values(name: string, filter?: Tags, query?: ValuesQuery): Record<string, number> | undefined {
    const entry = this.metrics.get(name);
    if (entry === undefined) return undefined;
    const matching = [...entry.series.values()].filter((s) => s.sink.samples > 0 && tagsMatch(s.tags, filter));
    if (matching.length === 0) return undefined;
    if (matching.length === 1) return matching[0]!.sink.values(query);
    const total = createSink(entry.def.type);
    for (const s of matching) total.merge(s.sink.snapshot());
    return total.values(query);
  }

  /** Names of the metrics that have had at least one sample. */
  observed(): string[] {
    const names: string[] = [];
    for (const { def, series } of this.metrics.values()) {
      for (const s of series.values()) {
        if (s.shipped || s.sink.samples > 0) {
          names.push(def.name);
          break;
        }
      }
    }
    return names;
  }

  /** Every series that has samples, with its aggregation keys (for outputs). */
  forEachSeries(fn: (def: MetricDef, tags: Tags, values: Record<string, number>) => void, query?: ValuesQuery): void {
    for (const { def, series } of this.metrics.values()) {
      for (const s of series.values()) {
        if (s.sink.samples > 0) fn(def, s.tags, s.sink.values(query));
      }
    }
  }

  private entry(def: MetricDef): MetricEntry {
    const entry = this.metrics.get(def.name);
    if (entry !== undefined) {
      if (entry.def !== def && (entry.def.type !== def.type || entry.def.contains !== def.contains)) {
        throw new Error(
          `metric '${def.name}' already exists but with type ${entry.def.type} (${entry.def.contains}), instead of ${def.type} (${def.contains})`,
        );
      }
      return entry;
    }
    const created: MetricEntry = { def: Object.freeze({ name: def.name, type: def.type, contains: def.contains }), series: new Map() };
    this.metrics.set(def.name, created);
    return created;
  }
}

/** The buffers of a snapshot, for `postMessage(snapshot, transferables(snapshot))` without copying. */
export function transferables(snapshot: StoreSnapshot): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const { data, samples } of snapshot.series) {
    if ('keys' in data) buffers.push(data.keys.buffer as ArrayBuffer, data.counts.buffer as ArrayBuffer);
    if (samples !== undefined) buffers.push(samples.buffer as ArrayBuffer);
  }
  return buffers;
}
