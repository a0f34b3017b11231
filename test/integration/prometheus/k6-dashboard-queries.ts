/**
 * The queries of the official "k6 Prometheus" dashboard (grafana.com 19665) and its native-histogram
 * variant (18030) that apply to a run without k6/http, recreated from k6's documentation: metric names
 * and the dashboard's query idioms (`testid=~"$testid"`, `$quantile_stat`, `$__rate_interval`).
 * The HTTP panels (k6_http_req_*, k6_http_reqs_total, k6_data_sent/received_total) need HTTP traffic.
 */
export const K6_DASHBOARD_QUERIES: readonly string[] = [
  'sum(k6_vus{testid=~"$testid"})',
  'sum(k6_vus_max{testid=~"$testid"})',
  'sum(irate(k6_iterations_total{testid=~"$testid"}[$__rate_interval]))',
  'sum(k6_iterations_total{testid=~"$testid"})',
  'avg(k6_iteration_duration_$quantile_stat{testid=~"$testid"})',
  'sum(k6_dropped_iterations_total{testid=~"$testid"})',
  'k6_checks_rate{testid=~"$testid"}',
  'avg(k6_checks_rate{testid=~"$testid"})',
];

/** `$quantile_stat` takes every stat the dashboard's picker offers (`metrics(k6_http_req_duration_)` regex) */
export const QUANTILE_STATS = ['min', 'max', 'count', 'sum', 'avg', 'med', 'p95', 'p99'];

export const K6_NATIVE_HISTOGRAM_QUERIES: readonly string[] = [
  'histogram_quantile($quantile, sum by(le) (rate(k6_iteration_duration_seconds{testid=~"$testid"}[$__rate_interval])))',
  'histogram_quantile($quantile, sum by(le) (rate(k6_kafka_writer_write_seconds_seconds{testid=~"$testid"}[$__rate_interval])))',
];
