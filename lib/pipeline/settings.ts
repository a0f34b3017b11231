/**
 * What streamprobe's pipeline scripts know of the system under test: its contract (sut/README.md) —
 * topic names under a prefix, window semantics, HTTP endpoints. Pure: pass `__ENV` in.
 */
import { durationMs } from '../duration.ts';
import { envString, type Env } from '../env.ts';
import type { Semantics } from '../oracle/expected.ts';

export interface PipelineSettings {
  prefix: string;
  topics: { events: string; dlq: string; aggregates: string };
  /** idleCloseMs: also how long a task with open windows waits for input before closing them by wall clock */
  semantics: Semantics;
  /** how long after the load the pipeline may take to emit every window */
  drainTimeoutMs: number;
  /** base URLs: processor 0's query API, the lake's query API, the ingestion gateway */
  queryUrl: string;
  lakeUrl: string;
  ingestUrl: string;
}

export function pipelineSettings(env: Env): PipelineSettings {
  const prefix = envString(env, 'PREFIX', '');
  const ms = (name: string, fallback: string) => durationMs(envString(env, name, fallback));
  return {
    prefix,
    topics: { events: `${prefix}events`, dlq: `${prefix}events-dlq`, aggregates: `${prefix}aggregates` },
    semantics: {
      windowMs: ms('WINDOW', '5s'),
      graceMs: ms('GRACE', '250ms'),
      uncertainMs: ms('UNCERTAIN', '1s'),
      idleCloseMs: ms('IDLE_CLOSE', '30s'),
    },
    drainTimeoutMs: ms('DRAIN_TIMEOUT', '60s'),
    queryUrl: envString(env, 'QUERY_URL', 'http://127.0.0.1:8090'),
    lakeUrl: envString(env, 'LAKE_URL', 'http://127.0.0.1:8089'),
    ingestUrl: envString(env, 'INGEST_URL', 'http://127.0.0.1:8088'),
  };
}
