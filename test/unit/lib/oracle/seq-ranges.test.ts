import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../../../lib/random.ts';
import { SeqRanges } from '../../../../lib/oracle/seq-ranges.ts';

test('members in any order merge into ranges; repeats are refused; gaps are what is missing', () => {
  const s = new SeqRanges();
  for (const n of [0, 1, 2, 5, 7, 6, 10, 3]) assert.equal(s.add(n), true, `add ${n}`);
  assert.equal(s.add(6), false);
  assert.equal(s.add(0), false);
  assert.equal(s.size, 8);
  assert.equal(s.ranges, 3);
  assert.deepEqual(s.gaps(), [
    [4, 4],
    [8, 9],
  ]);
  assert.deepEqual(s.gaps(12), [
    [4, 4],
    [8, 9],
    [11, 12],
  ]);
  assert.equal(s.add(4), true);
  assert.equal(s.add(9), true);
  assert.equal(s.add(8), true);
  assert.equal(s.ranges, 1);
  assert.deepEqual(s.gaps(), []);
  assert.equal(new SeqRanges().max, -1);
});

test('a shuffled million stays exact and ends as one range', () => {
  const n = 1_000_000;
  const order = Array.from({ length: n }, (_, i) => i);
  const rnd = new Random(3);
  // partitions read in round robin: local disorder over a window of 5,000
  for (let i = 0; i < n; i++) {
    const j = Math.min(n - 1, i + rnd.int(5000));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const s = new SeqRanges();
  let peak = 0;
  for (const k of order) {
    assert.ok(s.add(k));
    if (s.ranges > peak) peak = s.ranges;
  }
  assert.equal(s.size, n);
  assert.equal(s.ranges, 1);
  assert.ok(peak < 10_000, `ranges stay bounded by the disorder (peak ${peak})`);
});
