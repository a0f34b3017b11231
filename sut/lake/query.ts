/**
 * The lake's query endpoint over DuckDB (sut/README.md "Lake"): GET /health, /v1/counts?by=hour,type[&run=…],
 * /v1/stamps[?run=…]. Reads every Parquet file under the lake folder at each request.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

const GROUP_COLUMNS: Readonly<Record<string, string>> = { hour: 'event_hour', type: 'type', page: 'page_id' };

export class QueryError extends Error {}

/** SQL of /v1/counts: `by` is a comma list of hour, type, page (validated, never interpolated raw). */
export function countsSql(glob: string, by: string[], run: string | undefined): string {
  const cols = by.map((b) => {
    const col = GROUP_COLUMNS[b];
    if (!col) throw new QueryError(`by=${b} is not a grouping; use hour, type or page (comma-separated)`);
    return col;
  });
  const select = cols.length ? `${cols.join(', ')}, ` : '';
  const group = cols.length ? ` GROUP BY ${cols.join(', ')} ORDER BY ${cols.join(', ')}` : '';
  return `SELECT ${select}count(*) AS count, sum(amount_cents) AS sum_amount_cents, count(DISTINCT user_id) AS distinct_users
    FROM read_parquet(${sqlString(glob)})${runFilter(run)}${group}`;
}

/** SQL of /v1/stamps: per (run, generator) how many records and how many distinct sequence numbers landed */
export function stampsSql(glob: string, run: string | undefined): string {
  return `SELECT sp_run AS run, sp_gen AS gen, count(*) AS count, count(DISTINCT sp_seq) AS distinct_seq,
    min(sp_seq) AS min_seq, max(sp_seq) AS max_seq
    FROM read_parquet(${sqlString(glob)}) WHERE sp_seq IS NOT NULL${run === undefined ? '' : ` AND sp_run = ${sqlString(run)}`}
    GROUP BY sp_run, sp_gen ORDER BY sp_run, sp_gen`;
}

function runFilter(run: string | undefined): string {
  return run === undefined ? '' : ` WHERE sp_run = ${sqlString(run)}`;
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

async function hasFiles(dir: string): Promise<boolean> {
  try {
    for (const d of await readdir(dir)) {
      if (d.startsWith('event_hour=') && (await readdir(join(dir, d))).some((f) => f.endsWith('.parquet'))) return true;
    }
  } catch {
    return false;
  }
  return false;
}

export function createQueryServer(dir: string, conn: DuckDBConnection, health: () => Record<string, unknown>): Server {
  const glob = join(dir, 'event_hour=*', '*.parquet');
  async function rows(sql: string): Promise<unknown[]> {
    if (!(await hasFiles(dir))) return [];
    const reader = await conn.runAndReadAll(sql);
    // counts and sums are BIGINT/HUGEINT (JS bigint): plain JSON numbers are exact up to 2^53, plenty here
    return reader
      .getRowObjectsJS()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  }
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const run = url.searchParams.get('run') ?? undefined;
    let answer: Promise<unknown>;
    if (url.pathname === '/health') answer = Promise.resolve({ status: 'ok', dir, ...health() });
    else if (url.pathname === '/v1/counts') {
      const by = (url.searchParams.get('by') ?? 'hour,type').split(',').filter((s) => s !== '');
      answer = Promise.resolve()
        .then(() => rows(countsSql(glob, by, run)))
        .then((r) => ({ by, rows: r }));
    } else if (url.pathname === '/v1/stamps') answer = rows(stampsSql(glob, run)).then((r) => ({ rows: r }));
    else answer = Promise.reject(new QueryError(`no route ${url.pathname}; use /health, /v1/counts or /v1/stamps`));
    answer.then(
      (body) => send(200, body),
      (err: Error) => send(err instanceof QueryError ? 400 : 500, { error: err.message }),
    );
    function send(status: number, body: unknown): void {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    }
  });
}
