// The HTTP outputs' answers (as sut/README.md gives them) turned into what the oracle diffs; the GET is a table here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLake, queryWindows, type HttpGet } from '../../../../lib/pipeline/http-outputs.ts';
import type { LedgerTally } from '../../../../lib/pipeline/ledger-reader.ts';

const answers =
  (table: Record<string, unknown>): HttpGet =>
  (url) =>
    url in table ? { status: 200, body: JSON.stringify(table[url]) } : { status: 404, body: '{"error":"no"}' };

test('query API: final windows of every key, open ones left out; a failed GET names the URL', async () => {
  const w = (key: string, start: number, final: boolean) => ({
    key,
    window_start_ms: start,
    window_end_ms: start + 5000,
    count: 1,
    sum_amount_cents: 0,
    distinct_users: 1,
    final,
  });
  const get = answers({
    'http://q/v1/windows?key=pg1%3Aclick&limit=3&source=redis': {
      source: 'redis',
      key: 'pg1:click',
      windows: [w('pg1:click', 5000, true), w('pg1:click', 0, true)],
    },
    'http://q/v1/windows?key=pg2%3Aclick&limit=3&source=redis': {
      source: 'redis',
      key: 'pg2:click',
      windows: [w('pg2:click', 5000, false)],
    },
  });
  assert.deepEqual(
    (await queryWindows(get, 'http://q', ['pg1:click', 'pg2:click'], 3, 'redis')).map((a) => `${a.key}@${a.window_start_ms}`),
    ['pg1:click@5000', 'pg1:click@0'],
  );
  await assert.rejects(
    queryWindows(get, 'http://q', ['pg3:click'], 3, 'redis'),
    /GET http:\/\/q\/v1\/windows\?key=pg3%3Aclick&limit=3&source=redis answered 404/,
  );
});

test('lake: counts and sums per event hour and type against the ledger, both ways', async () => {
  const tally: LedgerTally = {
    malformed: 0,
    lastSentMs: 0,
    lake: new Map([
      ['2026-11-30T10|click', { count: 3, sum_amount_cents: 0 }],
      ['2026-11-30T10|purchase', { count: 1, sum_amount_cents: 999 }],
    ]),
  };
  const get = answers({
    'http://l/v1/counts?by=hour,type&run=r1': {
      by: ['hour', 'type'],
      rows: [
        { event_hour: '2026-11-30T10', type: 'click', count: 3, sum_amount_cents: 0, distinct_users: 2 },
        { event_hour: '2026-11-30T11', type: 'click', count: 1, sum_amount_cents: 0, distinct_users: 1 },
      ],
    },
  });
  const d = await diffLake(get, 'http://l', 'r1', tally);
  assert.equal(d.mismatches, 2);
  assert.deepEqual(d.differences, [
    'lake hour 2026-11-30T10 purchase: expected count 1 sum 999, lake count 0 sum 0',
    'lake hour 2026-11-30T11 click: expected count 0 sum 0, lake count 1 sum 0',
  ]);
});
