import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRuns } from '../../../runtime/compare/compare.ts';
import { runsOf } from '../../../runtime/compare/summary-file.ts';
import { formatChange, formatValue, markdownTable, textTable } from '../../../runtime/compare/table.ts';
import { parseToleranceFile } from '../../../runtime/compare/tolerances.ts';
import { exportJson } from './fixtures.ts';

const run = (p95: number, rate: number) => runsOf(exportJson({ p95, rate }))[0]!;
const file = parseToleranceFile({ $defaults: false, kafka_writer_write_seconds: { 'p(95)': '+10%' }, iterations: { rate: '-5%' } });

describe('compare: tables', () => {
  it('terminal: aligned columns, a mark per row, the noise note and the verdict', () => {
    const text = textTable(compareRuns([run(20, 100)], run(30, 99), file));
    assert.equal(
      text,
      [
        'metric                      stat   baseline  current  change  allowed  noise  result',
        'iterations                  rate        100       99   -1.0%      -5%      —  ✓ ok',
        'kafka_writer_write_seconds  p(95)      20ms     30ms    +50%     +10%      —  ✗ regression',
        '',
        'baseline: 1 run, so its noise is unknown (give two baseline runs to measure it)',
        '✗ 1 regression: kafka_writer_write_seconds p(95) +50% (allowed +10%)',
        '',
      ].join('\n'),
    );
  });

  it('Markdown: a GitHub table with right-aligned numbers and the verdict under it', () => {
    const md = markdownTable(compareRuns([run(16, 100), run(24, 100)], run(23, 100), file));
    assert.equal(
      md,
      [
        '| metric | stat | baseline | current | change | allowed | noise | result |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
        '| iterations | rate | 100 | 100 | 0.0% | -5% | ±0.0% | ✅ ok |',
        '| kafka_writer_write_seconds | p(95) | 20ms | 23ms | +15% | +10% | ±20% | ⚠️ within noise |',
        '',
        '✅ no regression: 2 statistics compared, 1 beyond tolerance but within the baseline runs\' noise. baseline: mean of 2 runs; "noise" is the largest distance of one of them from that mean.',
        '',
      ].join('\n'),
    );
  });

  it('a long list of regressions is cut after five', () => {
    const all = parseToleranceFile({ kafka_writer_write_seconds: { min: '+1%', max: '+1%' } });
    const text = textTable(compareRuns([run(20, 100)], run(40, 50), all));
    assert.match(text, /✗ 6 regressions: .*, and 1 more\n$/);
  });

  it('values: times in µs/ms/s, counts rounded, changes in percent', () => {
    assert.deepEqual(
      [formatValue(0.25, true), formatValue(12.345, true), formatValue(2500, true), formatValue(undefined)],
      ['250µs', '12.35ms', '2.5s', '—'],
    );
    assert.deepEqual([formatValue(123456.7), formatValue(0.999)], ['123457', '0.999']);
    assert.deepEqual(
      [formatChange(0.5), formatChange(-0.031), formatChange(Infinity), formatChange(undefined)],
      ['+50%', '-3.1%', '+∞', '—'],
    );
  });
});
