import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  floorPercent,
  formatByContains,
  formatBytes,
  formatDefault,
  formatDuration,
  formatPercent,
} from '../../../runtime/summary/format.ts';

const table = <T extends unknown[]>(name: string, fn: (...args: T) => string, rows: [...T, string][]) => {
  for (const row of rows) {
    const expected = row.at(-1) as string;
    const args = row.slice(0, -1) as T;
    test(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')}) = ${expected}`, () => {
      assert.equal(fn(...args), expected);
    });
  }
};

// Rate percentages are truncated, never rounded, to 2 decimals.
table('formatPercent', formatPercent, [
  [0, '0.00%'],
  [1, '100.00%'],
  [0.99999, '99.99%'],
  [0.29, '29.00%'], // 0.29·10⁴ is 2899.999… in binary
  [6 / 7, '85.71%'],
  [1 / 7, '14.28%'],
  [0.0000081, '0.00%'],
  [0.0743, '7.43%'],
]);

// Plain values: rounded to at most 6 decimals, trailing zeros dropped.
table('formatDefault', formatDefault, [
  [0, '0'],
  [120, '120'],
  [147.2, '147.2'],
  [13.1221794, '13.122179'],
  [152.3555556, '152.355556'],
  [1e-7, '0'],
  [-2.5, '-2.5'],
  [23864200, '23864200'],
]);

// Bytes: base 1000, one decimal below 10 of a unit, rounded half up.
table('formatBytes', formatBytes, [
  [0, '0 B'],
  [5, '5 B'],
  [718, '718 B'],
  [4900, '4.9 kB'],
  [4949, '4.9 kB'],
  [4950, '5.0 kB'],
  [15_000, '15 kB'],
  [519_240, '519 kB'],
  [1_800_000, '1.8 MB'],
  [999_999, '1000 kB'],
  [1e9, '1.0 GB'],
  [2.5e15, '2.5 PB'],
]);

// Durations (ms in): humanised and truncated, or a fixed summaryTimeUnit with 2 decimals.
table('formatDuration', (ms: number, unit?: string) => formatDuration(ms, unit), [
  [0, '', '0s'],
  [0.0000005, '', '0ns'],
  [0.0004, '', '400ns'],
  [0.000999, '', '999ns'],
  [0.01225, '', '12.25µs'],
  [0.5, '', '500µs'],
  [0.999999, '', '999.99µs'],
  [140.6, '', '140.6ms'],
  [148.2139, '', '148.21ms'],
  [999.999, '', '999.99ms'],
  [1000, '', '1s'],
  [1400, '', '1.4s'],
  [59_999, '', '59.99s'],
  [60_000, '', '1m0s'],
  [65_500, '', '1m5s'],
  [3_723_000, '', '1h2m3s'],
  [-5, '', '-5ms'],
  [148.2139, 'ms', '148.21ms'],
  [120, 'ms', '120.00ms'],
  [1500, 's', '1.50s'],
  [0.5, 'us', '500.00µs'],
]);

table('formatByContains', (v: number, c: 'default' | 'time' | 'data') => formatByContains(v, c), [
  [1500, 'time', '1.5s'],
  [1500, 'data', '1.5 kB'],
  [1500, 'default', '1500'],
]);

test('floorPercent floors the pass ratio and copes with no samples', () => {
  assert.equal(floorPercent(2, 3), 66);
  assert.equal(floorPercent(765793, 765855), 99);
  assert.equal(floorPercent(29, 100), 29);
  assert.equal(floorPercent(0, 0), 0);
});
