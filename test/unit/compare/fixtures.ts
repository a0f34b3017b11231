/** Summary files as the two shapes write them, built from a few numbers. */

/** A --summary-export (flattened values, Rate `value`, thresholds true = failed). */
export function exportJson(o: { p95: number; rate: number; errors?: number; checks?: number }): unknown {
  const metrics: Record<string, unknown> = {
    kafka_writer_write_seconds: { avg: o.p95 / 2, min: 1, med: o.p95 / 2, max: o.p95 * 2, 'p(90)': o.p95 * 0.9, 'p(95)': o.p95 },
    iterations: { count: o.rate * 10, rate: o.rate },
    checks: { passes: 100, fails: 0, value: o.checks ?? 1, thresholds: { 'rate > 0.99': false } },
    vus: { value: 1, min: 1, max: 2 },
  };
  if (o.errors !== undefined) metrics.kafka_writer_error_count = { count: o.errors, rate: o.errors / 10 };
  return { root_group: { name: '', path: '', id: 'x', groups: {}, checks: {} }, metrics };
}

/** handleSummary's `data` (metrics with type, contains and values). */
export function summaryDataJson(o: { p95: number; rate: number }): unknown {
  return {
    state: { testRunDurationMs: 10_000 },
    metrics: {
      kafka_writer_write_seconds: { type: 'trend', contains: 'time', values: { avg: o.p95 / 2, med: o.p95 / 2, 'p(95)': o.p95 } },
      iterations: { type: 'counter', contains: 'default', values: { count: o.rate * 10, rate: o.rate } },
      checks: { type: 'rate', contains: 'default', values: { rate: 1, passes: 100, fails: 0 } },
    },
  };
}
