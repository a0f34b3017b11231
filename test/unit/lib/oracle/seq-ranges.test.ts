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

/** checks s against a plain Set of the same members */
function assertSame(s: SeqRanges, model: Set<number>, upTo: number): void {
  assert.equal(s.size, model.size);
  const sorted = [...model].sort((a, b) => a - b);
  assert.equal(s.max, sorted.length === 0 ? -1 : sorted[sorted.length - 1]);
  const gaps: Array<[number, number]> = [];
  let next = 0;
  let ranges = 0;
  for (const n of sorted) {
    if (n > next) gaps.push([next, n - 1]);
    if (n !== next || ranges === 0) ranges++;
    next = n + 1;
  }
  assert.deepEqual(s.gaps(), gaps);
  assert.equal(s.ranges, ranges);
  for (let n = 0; n <= upTo; n++) assert.equal(s.has(n), model.has(n), `has ${n}`);
}

test('the window slides over in-order members, keeping one range and the window small', () => {
  const s = new SeqRanges();
  for (let n = 0; n < 300_000; n++) assert.ok(s.add(n));
  assert.equal(s.ranges, 1);
  assert.deepEqual(s.gaps(), []);
  assert.ok(s.has(0) && s.has(150_000) && s.has(299_999) && !s.has(300_000));
  assert.equal(s.add(5), false, 'a committed member is refused');
  assert.equal(s.add(299_990), false, 'a member in the window is refused');
});

test('far jumps leave gaps; late members fill them below the window; duplicates across the boundary are refused', () => {
  const s = new SeqRanges();
  const model = new Set<number>();
  const add = (n: number): void => {
    assert.equal(s.add(n), !model.has(n), `add ${n}`);
    model.add(n);
  };
  for (let n = 0; n < 100; n++) add(n);
  add(1_000_000); // far past any window: 0..99 committed, 100..999,999 a gap
  add(1_000_001);
  add(3_000_000);
  for (const n of [50, 99, 100, 101, 999_999, 1_000_000, 1_000_001, 1_000_002]) add(n);
  assertSame(s, model, 1_000_100);
  assert.deepEqual(s.gaps(), [
    [102, 999_998],
    [1_000_003, 2_999_999],
  ]);
});

test('members straddling the window base merge into one range once the holes fill', () => {
  const s = new SeqRanges();
  const model = new Set<number>();
  const rnd = new Random(11);
  // every 7th member arrives 100,000 later (past the largest window): holes are committed, filled by the slow path
  const late: number[] = [];
  for (let n = 0; n < 250_000; n++) {
    if (n % 7 === 3) late.push(n);
    else {
      s.add(n);
      model.add(n);
    }
    if (late.length > 0 && n - late[0]! > 100_000) {
      const m = late.shift()!;
      assert.ok(s.add(m));
      model.add(m);
    }
    if (rnd.int(50_000) === 0) assertSame(s, model, n + 10);
  }
  for (const m of late) assert.ok(s.add(m));
  assert.equal(s.size, 250_000);
  assert.equal(s.ranges, 1);
  assert.deepEqual(s.gaps(), []);
});

test('random disorder, duplicates and gaps agree with a plain set', () => {
  for (const spread of [10, 3000, 200_000]) {
    const s = new SeqRanges();
    const model = new Set<number>();
    const rnd = new Random(spread);
    for (let i = 0; i < 20_000; i++) {
      const n = Math.max(0, i * 3 - rnd.int(spread)); // a third are never added; some are added twice
      assert.equal(s.add(n), !model.has(n), `add ${n}`);
      model.add(n);
    }
    assertSame(s, model, 60_100);
  }
});
