/** The metrics of the pipeline scripts; created at module load, so import this module from the init context. */
import { Counter, Trend } from 'k6/metrics';
import type { OracleMetrics } from '../oracle/verdict.ts';

export const latency = {
  /** pass-through records (the dead-letter topic), ms from the intended send time */
  e2e: new Trend('e2e_latency', true),
  /** YSB window result latency, ms */
  windowResult: new Trend('window_result_latency', true),
  /** Karimov et al.'s event-time latency of window results, ms */
  eventTime: new Trend('event_time_latency', true),
};

const counters: { [K in keyof OracleMetrics]: Counter } = {
  records_lost: new Counter('records_lost'),
  records_duplicated: new Counter('records_duplicated'),
  records_out_of_order: new Counter('records_out_of_order'),
  aggregate_mismatches: new Counter('aggregate_mismatches'),
  aggregate_duplicates: new Counter('aggregate_duplicates'),
  late_dropped: new Counter('late_dropped'),
  records_malformed: new Counter('records_malformed'),
  windows_uncertain: new Counter('windows_uncertain'),
};

/** one per completed verification: a verify that failed or ran out of time leaves it at 0 */
const verdicts = new Counter('oracle_verdicts');

/** Adds every oracle metric, zeros included, and counts the verdict. */
export function emitOracleMetrics(m: OracleMetrics): void {
  for (const name of Object.keys(counters) as (keyof OracleMetrics)[]) counters[name].add(m[name]);
  verdicts.add(1);
}

/** Thresholds that fail a run whose results are wrong or were not verified. */
export const ORACLE_THRESHOLDS = {
  oracle_verdicts: ['count == 1'],
  records_lost: ['count == 0'],
  records_duplicated: ['count == 0'],
  records_out_of_order: ['count == 0'],
  aggregate_mismatches: ['count == 0'],
  aggregate_duplicates: ['count == 0'],
};
