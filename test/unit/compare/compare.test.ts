import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRuns, exceeds, relativeChange, type ComparisonRow } from '../../../runtime/compare/compare.ts';
import { runsOf } from '../../../runtime/compare/summary-file.ts';
import { NO_TOLERANCE_FILE, parseTolerance, parseToleranceFile } from '../../../runtime/compare/tolerances.ts';
import { exportJson } from './fixtures.ts';

const run = (o: Parameters<typeof exportJson>[0]) => runsOf(exportJson(o))[0]!;
const find = (rows: readonly ComparisonRow[], metric: string, stat: string) => rows.find((r) => r.metric === metric && r.stat === stat);

describe('compare: the gate', () => {
  it('passes an unchanged run and flags latency growth and throughput drop beyond the defaults', () => {
    const same = compareRuns([run({ p95: 20, rate: 100 })], run({ p95: 21, rate: 97 }), NO_TOLERANCE_FILE);
    assert.deepEqual(same.regressions, []);
    const worse = compareRuns([run({ p95: 20, rate: 100 })], run({ p95: 30, rate: 90 }), NO_TOLERANCE_FILE);
    assert.deepEqual(
      worse.regressions.map((r) => `${r.metric} ${r.stat}`),
      [
        'iterations rate',
        'kafka_writer_write_seconds avg',
        'kafka_writer_write_seconds med',
        'kafka_writer_write_seconds p(90)',
        'kafka_writer_write_seconds p(95)',
      ],
    );
  });

  it('errors that appear from none are a regression; errors that vanish are not', () => {
    const appeared = compareRuns([run({ p95: 20, rate: 100 })], run({ p95: 20, rate: 100, errors: 1 }), NO_TOLERANCE_FILE);
    assert.deepEqual(
      appeared.regressions.map((r) => `${r.metric} ${r.stat} ${r.baseline}→${r.current}`),
      ['kafka_writer_error_count count 0→1'],
    );
    const vanished = compareRuns([run({ p95: 20, rate: 100, errors: 3 })], run({ p95: 20, rate: 100 }), NO_TOLERANCE_FILE);
    assert.deepEqual(vanished.regressions, []);
  });

  it('with two baseline runs, a change inside their spread is noise, outside it a regression', () => {
    const baselines = [run({ p95: 16, rate: 100 }), run({ p95: 24, rate: 100 })];
    const noisy = compareRuns(baselines, run({ p95: 23, rate: 100 }), NO_TOLERANCE_FILE);
    const p95 = find(noisy.rows, 'kafka_writer_write_seconds', 'p(95)')!;
    assert.equal(p95.baseline, 20);
    assert.equal(p95.spread, 4);
    assert.equal(p95.status, 'noise', '+15 % is beyond +10 % but inside ±20 %');
    assert.deepEqual(noisy.regressions, []);
    const beyond = compareRuns(baselines, run({ p95: 25, rate: 100 }), NO_TOLERANCE_FILE);
    assert.equal(find(beyond.rows, 'kafka_writer_write_seconds', 'p(95)')!.status, 'regression');
  });

  it('a file picks the statistics and their tolerances', () => {
    const file = parseToleranceFile({ $defaults: false, kafka_writer_write_seconds: { 'p(95)': '+5' } });
    const c = compareRuns([run({ p95: 20, rate: 100 })], run({ p95: 26, rate: 1 }), file);
    assert.deepEqual(
      c.rows.map((r) => `${r.metric} ${r.stat} ${r.status}`),
      ['kafka_writer_write_seconds p(95) regression'],
    );
  });

  it('a statistic only one side has is reported as missing, not as a regression', () => {
    const file = parseToleranceFile({ kafka_writer_write_seconds: { 'p(99)': '+10%' } });
    const c = compareRuns([run({ p95: 20, rate: 100 })], run({ p95: 20, rate: 100 }), file);
    assert.equal(find(c.rows, 'kafka_writer_write_seconds', 'p(99)'), undefined, 'neither side has p(99)');
    const current = run({ p95: 20, rate: 100 });
    const withP99 = {
      ...current,
      kafka_writer_write_seconds: {
        ...current.kafka_writer_write_seconds!,
        values: { ...current.kafka_writer_write_seconds!.values, 'p(99)': 50 },
      },
    };
    const one = compareRuns([run({ p95: 20, rate: 100 })], withP99, file);
    assert.equal(find(one.rows, 'kafka_writer_write_seconds', 'p(99)')!.status, 'missing');
    assert.deepEqual(one.regressions, []);
  });

  it('exceeds and relativeChange: direction, absolute amounts, zero baselines', () => {
    assert.equal(exceeds(100, 110, parseTolerance('+10%', 'x')), false);
    assert.equal(exceeds(100, 110.1, parseTolerance('+10%', 'x')), true);
    assert.equal(exceeds(100, 50, parseTolerance('+10%', 'x')), false, 'a drop never breaks a growth limit');
    assert.equal(exceeds(100, 94, parseTolerance('-5%', 'x')), true);
    assert.equal(exceeds(0, 0.001, parseTolerance('+10%', 'x')), true);
    assert.equal(exceeds(10, 12, parseTolerance('+2', 'x')), false);
    assert.equal(relativeChange({ baseline: 0, current: 3 }), Infinity);
    assert.equal(relativeChange({ baseline: 0, current: 0 }), 0);
    assert.equal(relativeChange({ baseline: 20, current: 15 }), -0.25);
  });
});
