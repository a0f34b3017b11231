/** Which section of the text summary a metric belongs to (docs/k6-compatibility.md#end-of-test-summary, docs/k6-compatibility.md#metrics-checks-and-groups). */

export const CATEGORY_ORDER = ['CUSTOM', 'HTTP', 'EXECUTION', 'NETWORK', 'BROWSER', 'WEB VITALS', 'GRPC', 'WEBSOCKET'] as const;
export type Category = (typeof CATEGORY_ORDER)[number];

const EXECUTION_METRICS = new Set([
  'dropped_iterations',
  'event_loop_delay',
  'group_duration',
  'iteration_duration',
  'iteration_start_lag',
  'iterations',
  'vus',
  'vus_max',
]);
const NETWORK_METRICS = new Set(['data_received', 'data_sent']);

/** HTTP timing breakdown: k6 shows these only in `full` mode. */
const FULL_MODE_ONLY = new Set([
  'http_req_blocked',
  'http_req_connecting',
  'http_req_receiving',
  'http_req_sending',
  'http_req_tls_handshaking',
  'http_req_waiting',
]);

/** Extension metrics (kafka_*, …) and script-defined ones fall in CUSTOM. */
export function categoryOf(metricName: string): Category {
  if (EXECUTION_METRICS.has(metricName)) return 'EXECUTION';
  if (NETWORK_METRICS.has(metricName)) return 'NETWORK';
  if (metricName.startsWith('http_')) return 'HTTP';
  if (metricName.startsWith('browser_web_vital_')) return 'WEB VITALS';
  if (metricName.startsWith('browser_')) return 'BROWSER';
  if (metricName.startsWith('grpc_')) return 'GRPC';
  if (metricName.startsWith('ws_')) return 'WEBSOCKET';
  return 'CUSTOM';
}

export function shownInMode(metricName: string, mode: 'compact' | 'full'): boolean {
  return mode === 'full' || !FULL_MODE_ONLY.has(metricName);
}

/** `name{a:1,b:2}` ⇒ { parent: "name", tags: "a:1,b:2" }; a plain name has tags null. */
export function splitSubMetric(name: string): { parent: string; tags: string | null } {
  const open = name.indexOf('{');
  if (open < 0 || !name.endsWith('}')) return { parent: name, tags: null };
  return { parent: name.slice(0, open), tags: name.slice(open + 1, -1) };
}
