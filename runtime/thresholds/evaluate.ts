/** Threshold evaluation over the merged metrics (docs/k6-compatibility.md#thresholds): every 2 s during the run and once at the end. */
import type { MetricStore } from '../metrics/store.ts';
import { createSink } from '../metrics/sinks/create-sink.ts';
import { compare } from './expression.ts';
import type { MetricThresholds } from './parse.ts';

export interface ThresholdOutcome {
  readonly ok: boolean;
  /** the observed aggregation; absent when the sink has no such key (which passes) */
  readonly value?: number;
}

export interface ThresholdsEvaluation {
  /** no evaluated threshold failed */
  readonly ok: boolean;
  /** a failed `abortOnFail` threshold past its `delayAbortEval`: abort the test (exit 99); never set by the final run */
  readonly abort: boolean;
  /** { "http_req_duration{status:200}": { "p(95)<200": { ok, value } } } for the evaluated (sub-)metrics */
  readonly results: Record<string, Record<string, ThresholdOutcome>>;
}

export interface EvaluationMoment {
  readonly elapsedMs: number;
  /** the end-of-test run: metrics without samples are evaluated too (periodic runs skip them) */
  readonly final: boolean;
}

export function evaluateThresholds(
  parsed: readonly MetricThresholds[],
  store: Pick<MetricStore, 'values'>,
  { elapsedMs, final }: EvaluationMoment,
): ThresholdsEvaluation {
  let ok = true;
  let abort = false;
  const results: Record<string, Record<string, ThresholdOutcome>> = {};
  for (const m of parsed) {
    const query = { elapsedMs, percentiles: m.percentiles };
    let values = store.values(m.metric.name, m.filter, query);
    if (values === undefined) {
      if (!final) continue;
      values = createSink(m.metric.type).values(query);
    }
    const outcomes: Record<string, ThresholdOutcome> = (results[m.name] ??= {});
    for (const t of m.thresholds) {
      const value = values[t.aggregation];
      const passed = value === undefined || compare(value, t.operator, t.value);
      outcomes[t.source] = value === undefined ? { ok: passed } : { ok: passed, value };
      if (passed) continue;
      ok = false;
      if (!final && t.abortOnFail && elapsedMs > t.delayAbortEvalMs) abort = true;
    }
  }
  return { ok, abort, results };
}
