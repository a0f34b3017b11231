import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchStampHeaders } from '../../../sut/ingest/stamps.ts';
import { formatCompactStamp, parseCompactStamp } from '../../../sut/stamp-compact.ts';

test('compact stamps read from the right, so run ids may hold colons', () => {
  const s = { runId: 'r:1', generatorId: '7', seq: 42, intendedUs: 1_790_000_000_000_123, sentUs: 1_790_000_000_000_456 };
  assert.equal(formatCompactStamp(s), 'r:1:7:42:1790000000000123:1790000000000456');
  assert.deepEqual(parseCompactStamp(formatCompactStamp(s)), s);
  assert.equal(parseCompactStamp('r:7:x:1:2'), undefined);
  assert.equal(parseCompactStamp('7:1:2:3'), undefined);
});

test('a gateway batch numbers its records from the request stamp', () => {
  assert.deepEqual(batchStampHeaders({ sp: 'run:g:10:100:200' }, 2), [{ sp: 'run:g:10:100:200' }, { sp: 'run:g:11:100:200' }]);
  assert.deepEqual(batchStampHeaders({ 'sp-run': 'r', 'sp-seq': '5', 'sp-intended-us': '9' }, 2), [
    { 'sp-run': 'r', 'sp-seq': '5', 'sp-intended-us': '9' },
    { 'sp-run': 'r', 'sp-seq': '6', 'sp-intended-us': '9' },
  ]);
  assert.deepEqual(batchStampHeaders({ 'content-type': 'application/json' }, 1), [{}]);
  assert.match(batchStampHeaders({ sp: 'nonsense' }, 1) as string, /header sp must be run:gen:seq:intendedUs:sentUs/);
  assert.match(batchStampHeaders({ 'sp-seq': 'x' }, 1) as string, /header sp-seq must be a decimal/);
});
