import type { ValuesQuery } from '../aggregations.ts';

/**
 * Aggregates the samples of one series. Snapshots are plain data (structured-clone safe) so
 * workers can post them; merging snapshots equals having seen all their samples.
 */
export interface Sink<S> {
  /** number of samples added or merged; 0 means empty (skipped by periodic threshold runs) */
  readonly samples: number;
  add(value: number): void;
  snapshot(): S;
  merge(snapshot: S): void;
  reset(): void;
  /** k6's aggregation keys for this type */
  values(query?: ValuesQuery): Record<string, number>;
}
