import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../lib/random.ts';
import { ZipfSampler, zipfCdf } from '../../../lib/zipf.ts';

test('the CDF is ascending, ends at 1, and matches 1/k^s', () => {
  const cdf = zipfCdf(1000, 1);
  for (let k = 1; k < cdf.length; k++) assert.ok(cdf[k]! >= cdf[k - 1]!);
  assert.equal(cdf[999], 1);
  const z = new ZipfSampler(1000, 1);
  assert.ok(Math.abs(z.probability(0) / z.probability(1) - 2) < 1e-9);
  assert.ok(Math.abs(z.probability(0) / z.probability(9) - 10) < 1e-9);
});

test('samples are skewed as Zipf predicts', () => {
  const n = 10_000;
  const z = new ZipfSampler(n, 1);
  const r = new Random(11);
  const counts = new Uint32Array(n);
  const draws = 200_000;
  for (let i = 0; i < draws; i++) counts[z.sample(r)]++;
  // rank 0 gets ~1/H(10000) ≈ 10.2 % of draws; rank 0 vs rank 1 ≈ 2:1
  assert.ok(Math.abs(counts[0]! / draws - z.probability(0)) < 0.005, `rank 0 share ${counts[0]! / draws}`);
  assert.ok(Math.abs(counts[0]! / counts[1]! - 2) < 0.15, `ratio ${counts[0]! / counts[1]!}`);
  // the top 1 % of keys carry about half of the traffic
  let top = 0;
  for (let k = 0; k < n / 100; k++) top += counts[k]!;
  const expectedTop = zipfCdf(n, 1)[n / 100 - 1]!;
  assert.ok(Math.abs(top / draws - expectedTop) < 0.01, `top 1% share ${top / draws} vs ${expectedTop}`);
  assert.ok(expectedTop > 0.5);
  // every sample is a valid rank
  assert.equal(counts.reduce((a, b) => a + b, 0), draws);
});

test('s = 0 is uniform; bad parameters are rejected', () => {
  const z = new ZipfSampler(4, 0);
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(z.probability(k) - 0.25) < 1e-12);
  assert.throws(() => new ZipfSampler(0, 1), /n must be an integer >= 1/);
  assert.throws(() => new ZipfSampler(10, -1), /exponent/);
});

test('one rank always samples 0', () => {
  const z = new ZipfSampler(1, 1.2);
  const r = new Random(1);
  for (let i = 0; i < 100; i++) assert.equal(z.sample(r), 0);
});
