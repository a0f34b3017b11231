/** k6's built-in metrics (docs/k6-compatibility.md#metrics-checks-and-groups) plus streamprobe's own. */
import type { MetricDef, MetricType, ValueType } from './metric.ts';
import type { MetricRegistry } from './registry.ts';

const builtin = (name: string, type: MetricType, contains: ValueType = 'default'): MetricDef => Object.freeze({ name, type, contains });

export const VUS = builtin('vus', 'gauge');
export const VUS_MAX = builtin('vus_max', 'gauge');
export const ITERATIONS = builtin('iterations', 'counter');
export const ITERATION_DURATION = builtin('iteration_duration', 'trend', 'time');
export const DROPPED_ITERATIONS = builtin('dropped_iterations', 'counter');
export const DATA_SENT = builtin('data_sent', 'counter', 'data');
export const DATA_RECEIVED = builtin('data_received', 'counter', 'data');
export const CHECKS = builtin('checks', 'rate');
export const GROUP_DURATION = builtin('group_duration', 'trend', 'time');

export const HTTP_REQS = builtin('http_reqs', 'counter');
export const HTTP_REQ_FAILED = builtin('http_req_failed', 'rate');
export const HTTP_REQ_DURATION = builtin('http_req_duration', 'trend', 'time');
export const HTTP_REQ_BLOCKED = builtin('http_req_blocked', 'trend', 'time');
export const HTTP_REQ_CONNECTING = builtin('http_req_connecting', 'trend', 'time');
export const HTTP_REQ_TLS_HANDSHAKING = builtin('http_req_tls_handshaking', 'trend', 'time');
export const HTTP_REQ_SENDING = builtin('http_req_sending', 'trend', 'time');
export const HTTP_REQ_WAITING = builtin('http_req_waiting', 'trend', 'time');
export const HTTP_REQ_RECEIVING = builtin('http_req_receiving', 'trend', 'time');

/** streamprobe only: actual − intended start of arrival-rate iterations (coordinated omission). */
export const ITERATION_START_LAG = builtin('iteration_start_lag', 'trend', 'time');
/** streamprobe only: how late each worker thread's event loop ran its timers (perf_hooks), in ms. */
export const EVENT_LOOP_DELAY = builtin('event_loop_delay', 'trend', 'time');

/** what k6/http records per request, in the order HttpMetrics keeps its series */
export const HTTP_REQUEST_METRICS: readonly MetricDef[] = [
  HTTP_REQS,
  HTTP_REQ_FAILED,
  HTTP_REQ_DURATION,
  HTTP_REQ_BLOCKED,
  HTTP_REQ_CONNECTING,
  HTTP_REQ_TLS_HANDSHAKING,
  HTTP_REQ_SENDING,
  HTTP_REQ_WAITING,
  HTTP_REQ_RECEIVING,
];

export const BUILTIN_METRICS: readonly MetricDef[] = [
  VUS,
  VUS_MAX,
  ITERATIONS,
  ITERATION_DURATION,
  DROPPED_ITERATIONS,
  DATA_SENT,
  DATA_RECEIVED,
  CHECKS,
  GROUP_DURATION,
  ...HTTP_REQUEST_METRICS,
  ITERATION_START_LAG,
  EVENT_LOOP_DELAY,
];

export function defineBuiltinMetrics(registry: MetricRegistry): void {
  for (const def of BUILTIN_METRICS) registry.define(def.name, def.type, def.contains);
}
