import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventHour, isUncommitted, lakeFile, parseLakeFileName } from '../../../sut/lake/files.ts';
import { countsSql, QueryError } from '../../../sut/lake/query.ts';

test('file names carry partition and offset range; a replay from the committed offset rewrites the same names', () => {
  const r = { partition: 2, first: 100, last: 250 };
  const file = lakeFile('/lake', eventHour(Date.UTC(2026, 10, 30, 19, 59, 59)), r);
  assert.equal(file, '/lake/event_hour=2026-11-30T19/p2-100-250.parquet');
  assert.deepEqual(parseLakeFileName('p2-100-250.parquet'), r);
  assert.equal(parseLakeFileName('p2-100-250.parquet.tmp'), undefined);
  const committed = new Map([[2, 251]]);
  assert.equal(isUncommitted(r, committed), false);
  assert.equal(isUncommitted({ partition: 2, first: 251, last: 300 }, committed), true);
  assert.equal(isUncommitted({ partition: 3, first: 0, last: 9 }, committed), true, 'nothing committed for partition 3');
});

test('counts group only by known columns', () => {
  assert.match(
    countsSql('/l/*.parquet', ['hour', 'type'], "r'1"),
    /SELECT event_hour, type, count\(\*\).*WHERE sp_run = 'r''1' GROUP BY event_hour, type/s,
  );
  assert.throws(() => countsSql('/l/*.parquet', ['user_id; drop'], undefined), QueryError);
});
