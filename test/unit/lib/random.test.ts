import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSeed, Random, WeightedPicker } from '../../../lib/random.ts';

test('same seed, same sequence; different seeds differ', () => {
  const draw = (seed: number) => {
    const r = new Random(seed);
    return Array.from({ length: 20 }, () => r.uint32());
  };
  assert.deepEqual(draw(42), draw(42));
  assert.notDeepEqual(draw(42), draw(43));
});

test('next() is uniform in [0, 1)', () => {
  const r = new Random(7);
  const buckets = new Array(10).fill(0);
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)]++;
  }
  for (const b of buckets) assert.ok(Math.abs(b / n - 0.1) < 0.01, `bucket share ${b / n}`);
});

test('int and range stay in bounds and reach both ends', () => {
  const r = new Random(1);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const x = r.range(3, 6);
    assert.ok(x >= 3 && x <= 6 && Number.isInteger(x));
    seen.add(x);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
});

test('hashSeed is stable and spreads nearby strings', () => {
  assert.equal(hashSeed('1/2'), hashSeed('1/2'));
  assert.notEqual(hashSeed('1/2'), hashSeed('1/3'));
  assert.equal(hashSeed(''), 0x811c9dc5);
});

test('WeightedPicker follows its weights', () => {
  const picker = new WeightedPicker([
    ['a', 3],
    ['b', 1],
    ['c', 0],
  ]);
  const r = new Random(5);
  const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 40_000; i++) counts[picker.pick(r)]!++;
  assert.equal(counts.c, 0);
  assert.ok(Math.abs(counts.a! / 40_000 - 0.75) < 0.01);
  assert.throws(() => new WeightedPicker([['a', 0]]), /must not all be 0/);
});

test('WeightedPicker never picks zero weights, wherever they sit', () => {
  const weights = [0, 5, 0, 0, 1, 2, 0, 0.5, 0];
  const picker = new WeightedPicker(weights.map((w, i) => [i, w] as const));
  const r = new Random(8);
  const counts = new Array<number>(weights.length).fill(0);
  const n = 85_000;
  for (let i = 0; i < n; i++) counts[picker.pick(r)]!++;
  const total = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => {
    if (w === 0) assert.equal(counts[i], 0, `entry ${i}`);
    else assert.ok(Math.abs(counts[i]! / n - w / total) < 0.01, `entry ${i}: ${counts[i]! / n}`);
  });
  assert.throws(() => new WeightedPicker([['a', Infinity]]), /finite number >= 0/);
});
