/**
 * Latency of a streaming pipeline, measured on the node that sent the input (one clock, no skew
 * between hosts) and from *intended* send times, so a load generator that falls behind cannot
 * hide the delay (coordinated omission):
 *
 * - **Pass-through end-to-end latency** (`e2e_latency`, ms): for an output record that carries its
 *   input's stamp unchanged (here: the dead-letter topic), the time the record became visible to
 *   our reader minus the input's intended send time.
 * - **Window result latency** (`window_result_latency`, ms; the Yahoo Streaming Benchmark's
 *   definition): the time a window's final value became visible (in the aggregates topic, in Redis,
 *   through the query API) minus the time its input was complete: the intended send time of the
 *   newest event it includes (`max_intended_us` of the aggregate), or the window's end if that is
 *   later. YSB measures from the window end, which for its dense windows is the newest event; a key
 *   with few events may have sent its newest one seconds before the end, and that quiet tail is a
 *   wait no pipeline can shorten (the window is open until its end), not result latency. Generated
 *   events carry event time = intended send time, so the end is comparable with send times.
 * - **Event-time latency** (`event_time_latency`, ms; Karimov et al., "Benchmarking Distributed
 *   Stream Data Processing Systems", ICDE 2018): the time an output is emitted minus its event
 *   time; for a windowed aggregate the event time of the output is the largest event time of the
 *   tuples in its window (its processing-time counterpart starts at ingestion instead). We take
 *   "emitted" as "visible to our reader", an upper bound that includes the output topic's hop.
 *
 * "Visible" is the arrival time of the fetch that carried the record (streamprobe's per-message
 * `visibleAt`, epoch ms, whole-ms resolution): a consume() that waits for more records does not
 * add its wait. In real k6 (no `visibleAt`) the call's return time is used, which adds the time the
 * call spent collecting up to its `limit` (up to maxWait after the last record).
 */

import { median } from './stats.ts';

/** When a consumed message became visible: its `visibleAt`, else the consume call's return time. */
export function visibleAtMs(message: { visibleAt?: number }, returnedAtMs: number): number {
  return typeof message.visibleAt === 'number' ? message.visibleAt : returnedAtMs;
}

/** YSB window result latency of the window ending at `windowEndMs`; undefined when it includes no stamped event. */
export function windowResultLatencyMs(
  visibleMs: number,
  windowEndMs: number,
  maxIntendedUs: number | null | undefined,
): number | undefined {
  return typeof maxIntendedUs === 'number' && maxIntendedUs > 0 ? visibleMs - Math.max(windowEndMs, maxIntendedUs / 1000) : undefined;
}

/** Karimov et al.'s event-time latency of an output whose inputs' largest event time is `maxEventTimeMs`. */
export function eventTimeLatencyMs(visibleMs: number, maxEventTimeMs: number): number {
  return visibleMs - maxEventTimeMs;
}

/** Pass-through latency of an output record that carries its input's stamp. */
export function passThroughLatencyMs(visibleMs: number, intendedUs: number): number {
  return visibleMs - intendedUs / 1000;
}

/** The windows of one window end: all keys close together, so a stall shows as one slow window end. */
export interface WindowEndLatency {
  windowEndMs: number;
  /** largest and median result latency over the keys of this window end, ms */
  maxMs: number;
  medianMs: number;
  keys: number;
}

/**
 * The `n` window ends with the largest result latency, slowest first. p99 over window results is in
 * effect the second- or third-worst window end of a run, so these say *when* the tail happened.
 */
export function slowestWindowEnds(results: Iterable<{ windowEndMs: number; latencyMs: number }>, n: number): WindowEndLatency[] {
  const byEnd = new Map<number, number[]>();
  for (const r of results) {
    const list = byEnd.get(r.windowEndMs);
    if (list === undefined) byEnd.set(r.windowEndMs, [r.latencyMs]);
    else list.push(r.latencyMs);
  }
  const ends = [...byEnd].map(([windowEndMs, list]) => ({
    windowEndMs,
    maxMs: list.reduce((a, b) => Math.max(a, b)),
    medianMs: median(list),
    keys: list.length,
  }));
  return ends.sort((a, b) => b.maxMs - a.maxMs || a.windowEndMs - b.windowEndMs).slice(0, n);
}

/** "12:16:55Z  max 1.53 s, median 1.21 s over 812 keys": one line per window end, for a person. */
export function windowEndLine(w: WindowEndLatency): string {
  const at = new Date(w.windowEndMs).toISOString().slice(11, 19);
  return `window ending ${at}Z: max ${seconds(w.maxMs)}, median ${seconds(w.medianMs)} over ${w.keys} keys`;
}

const seconds = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
