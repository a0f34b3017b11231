/**
 * The pipeline's HTTP outputs read for the oracle: Redis and the state stores through the query API,
 * and the lake's counts. The GET function is passed in (k6/http's `http.get` in scripts), so this
 * module runs wherever k6/http does and the oracle's Kafka part works without it. Its answer is awaited:
 * a Response in k6, a promise of one in streamprobe's async mode.
 */
import { type ActualAggregate, emptySourceDiff, type SourceDiff } from '../oracle/diff.ts';
import type { LedgerTally } from './ledger-reader.ts';

interface HttpAnswer {
  status: number;
  body: unknown;
}

export type HttpGet = (url: string) => HttpAnswer | Promise<HttpAnswer>;

interface WindowsAnswer {
  windows: Array<ActualAggregate & { final: boolean }>;
}

async function json<T>(get: HttpGet, url: string): Promise<T> {
  const r = await get(url);
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${String(r.body).slice(0, 200)}`);
  return JSON.parse(String(r.body)) as T;
}

/** Final windows of every key from the query API (`source=redis` reads Redis; `streams` Kafka Streams' stores). */
export async function queryWindows(
  get: HttpGet,
  queryUrl: string,
  keys: Iterable<string>,
  windowsPerKey: number,
  source: 'redis' | 'streams',
): Promise<ActualAggregate[]> {
  const out: ActualAggregate[] = [];
  for (const key of keys) {
    const answer = await json<WindowsAnswer>(
      get,
      `${queryUrl}/v1/windows?key=${encodeURIComponent(key)}&limit=${windowsPerKey}&source=${source}`,
    );
    for (const w of answer.windows) if (w.final) out.push(w);
  }
  return out;
}

/** The lake's counts per event hour and type against the valid records of the ledger. */
export async function diffLake(get: HttpGet, lakeUrl: string, runId: string, tally: LedgerTally): Promise<SourceDiff> {
  const answer = await json<{ rows: Array<{ event_hour: string; type: string; count: number; sum_amount_cents: number }> }>(
    get,
    `${lakeUrl}/v1/counts?by=hour,type&run=${encodeURIComponent(runId)}`,
  );
  const actual = new Map(answer.rows.map((r) => [`${r.event_hour}|${r.type}`, r]));
  const d = emptySourceDiff('lake');
  for (const id of new Set([...tally.lake.keys(), ...actual.keys()])) {
    const e = tally.lake.get(id) ?? { count: 0, sum_amount_cents: 0 };
    const a = actual.get(id) ?? { count: 0, sum_amount_cents: 0 };
    if (Number(a.count) === e.count && Number(a.sum_amount_cents) === e.sum_amount_cents) continue;
    d.mismatches++;
    const [hour, type] = id.split('|');
    if (d.differences.length < 10) {
      d.differences.push(
        `lake hour ${hour} ${type}: expected count ${e.count} sum ${e.sum_amount_cents}, lake count ${a.count} sum ${a.sum_amount_cents}`,
      );
    }
  }
  return d;
}
