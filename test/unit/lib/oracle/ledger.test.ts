import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ledger } from '../../../../lib/oracle/ledger.ts';

test('the ledger finds gaps, repeats and a generator out of order within a partition', () => {
  const l = new Ledger();
  for (const seq of [0, 1, 2, 4, 5]) l.add('7', seq, 0, seq);
  for (const seq of [0, 1]) l.add('8', seq, seq % 2, seq);
  assert.equal(l.add('7', 2, 1, 9), false);
  l.add('8', 5, 0, 3);
  l.add('8', 3, 0, 4);
  assert.equal(l.records, 9);
  assert.equal(l.generators, 2);
  assert.equal(l.duplicates, 1);
  assert.equal(l.outOfOrder, 1);
  assert.equal(l.lost(), 3);
  assert.deepEqual(
    l.problems.map((p) => p.text),
    [
      'record 7#2 is in the input topic more than once (again at partition 1 offset 9)',
      'record 8#3 comes after 8#5 in partition 0 offset 4',
      'record 7#3 is missing from the input topic',
      'record 8#2 is missing from the input topic',
      'record 8#4 is missing from the input topic',
    ],
  );
});
