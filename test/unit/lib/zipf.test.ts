import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../lib/random.ts';
import { ZipfSampler } from '../../../lib/zipf.ts';

/** exact P(rank k) = (k+1)^-s / Σ (j+1)^-s */
function zipfProbabilities(n: number, s: number): Float64Array {
  const p = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += p[k] = (k + 1) ** -s;
  for (let k = 0; k < n; k++) p[k]! /= sum;
  return p;
}

function counts(z: ZipfSampler, seed: number, draws: number): Uint32Array {
  const r = new Random(seed);
  const c = new Uint32Array(z.n);
  for (let i = 0; i < draws; i++) {
    const k = z.sample(r);
    assert.ok(Number.isInteger(k) && k >= 0 && k < z.n, `rank ${k}`);
    c[k]++;
  }
  return c;
}

test('every rank comes out with its exact Zipf probability', () => {
  const draws = 200_000;
  for (const [n, s] of [
    [10, 0.5],
    [10, 1],
    [7, 1.5],
    [12, 3],
    [5, 0.999_999_9],
    [6, 1.000_000_1],
  ] as const) {
    const c = counts(new ZipfSampler(n, s), 3, draws);
    const p = zipfProbabilities(n, s);
    let chiSquare = 0;
    for (let k = 0; k < n; k++) {
      const expected = draws * p[k]!;
      // 5 standard deviations of a binomial count
      assert.ok(Math.abs(c[k]! - expected) < 5 * Math.sqrt(expected) + 1, `n=${n} s=${s} rank ${k}: ${c[k]} vs ${expected.toFixed(0)}`);
      chiSquare += (c[k]! - expected) ** 2 / expected;
    }
    // n − 1 ≤ 11 degrees of freedom: χ² beyond 40 has probability < 1e-4
    assert.ok(chiSquare < 40, `n=${n} s=${s}: χ² ${chiSquare.toFixed(1)}`);
  }
});

test('samples are skewed as Zipf predicts over many ranks', () => {
  const n = 10_000;
  const draws = 200_000;
  const c = counts(new ZipfSampler(n, 1), 11, draws);
  const p = zipfProbabilities(n, 1);
  // rank 0 gets ~1/H(10000) ≈ 10.2 % of draws; rank 0 vs rank 1 ≈ 2:1
  assert.ok(Math.abs(c[0]! / draws - p[0]!) < 0.005, `rank 0 share ${c[0]! / draws}`);
  assert.ok(Math.abs(c[0]! / c[1]! - 2) < 0.15, `ratio ${c[0]! / c[1]!}`);
  // the top 1 % of keys carry about half of the traffic
  let top = 0;
  let expectedTop = 0;
  for (let k = 0; k < n / 100; k++) {
    top += c[k]!;
    expectedTop += p[k]!;
  }
  assert.ok(Math.abs(top / draws - expectedTop) < 0.01, `top 1% share ${top / draws} vs ${expectedTop}`);
  assert.ok(expectedTop > 0.5);
  // the tail is reached: the upper half of the ranks gets its share (~6 %)
  let tail = 0;
  let expectedTail = 0;
  for (let k = n / 2; k < n; k++) {
    tail += c[k]!;
    expectedTail += p[k]!;
  }
  assert.ok(Math.abs(tail / draws - expectedTail) < 0.005, `tail share ${tail / draws} vs ${expectedTail}`);
});

test('same seed ⇒ same sequence; different seeds differ', () => {
  const draw = (seed: number) => {
    const z = new ZipfSampler(100_000, 1.1);
    const r = new Random(seed);
    return Array.from({ length: 500 }, () => z.sample(r));
  };
  assert.deepEqual(draw(5), draw(5));
  assert.notDeepEqual(draw(5), draw(6));
});

test('s = 0 is uniform', () => {
  const draws = 100_000;
  const c = counts(new ZipfSampler(4, 0), 2, draws);
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(c[k]! / draws - 0.25) < 0.01, `rank ${k}: ${c[k]! / draws}`);
});

test('memory and set-up do not grow with the number of ranks', () => {
  const z = new ZipfSampler(2_000_000_000, 1);
  const c = new Map<number, number>();
  const r = new Random(9);
  let beyondMillion = 0;
  for (let i = 0; i < 20_000; i++) {
    const k = z.sample(r);
    assert.ok(Number.isInteger(k) && k >= 0 && k < z.n);
    if (k >= 1_000_000) beyondMillion++;
    c.set(k, (c.get(k) ?? 0) + 1);
  }
  // P(rank ≥ 1e6) = 1 − H(1e6)/H(2e9) ≈ 0.34
  assert.ok(Math.abs(beyondMillion / 20_000 - 0.34) < 0.03, `share beyond 1e6: ${beyondMillion / 20_000}`);
  assert.ok(Math.abs(c.get(0)! / c.get(1)! - 2) < 0.4);
  for (const value of Object.values(z)) assert.equal(typeof value, 'number', 'a sampler holds only numbers');
});

test('steep exponents and one rank', () => {
  const steep = counts(new ZipfSampler(1000, 12), 4, 10_000);
  assert.equal(steep[0]! + steep[1]!, 10_000, 'rank 2 has probability ~1e-6');
  const one = new ZipfSampler(1, 1.2);
  const r = new Random(1);
  for (let i = 0; i < 100; i++) assert.equal(one.sample(r), 0);
});

test('bad parameters are rejected', () => {
  assert.throws(() => new ZipfSampler(0, 1), /n must be an integer >= 1/);
  assert.throws(() => new ZipfSampler(2.5, 1), /n must be an integer >= 1/);
  assert.throws(() => new ZipfSampler(10, -1), /exponent/);
  assert.throws(() => new ZipfSampler(10, Number.NaN), /exponent/);
});
