import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runsOf } from '../../../runtime/compare/summary-file.ts';
import { exportJson, summaryDataJson } from './fixtures.ts';

describe('compare: summary files', () => {
  it('reads a --summary-export: types from the keys, a Rate’s value as rate, thresholds dropped', () => {
    const [run] = runsOf(exportJson({ p95: 20, rate: 100 }));
    assert.equal(run!.kafka_writer_write_seconds!.type, 'trend');
    assert.equal(run!.kafka_writer_write_seconds!.time, true, 'a _seconds trend holds times');
    assert.equal(run!.kafka_writer_write_seconds!.values['p(95)'], 20);
    assert.deepEqual(run!.iterations, { type: 'counter', time: undefined, values: { count: 1000, rate: 100 } });
    assert.deepEqual(run!.checks!.values, { passes: 100, fails: 0, rate: 1 });
    assert.equal(run!.checks!.type, 'rate');
    assert.equal(run!.vus!.type, 'gauge');
  });

  it('reads handleSummary data with its types and units', () => {
    const [run] = runsOf(summaryDataJson({ p95: 20, rate: 100 }));
    assert.deepEqual(run!.kafka_writer_write_seconds, { type: 'trend', time: true, values: { avg: 10, med: 10, 'p(95)': 20 } });
    assert.equal(run!.checks!.values.rate, 1);
    assert.equal(run!.iterations!.time, false);
  });

  it('reads several runs from an array or {"runs": [...]}, in either shape', () => {
    assert.equal(runsOf([exportJson({ p95: 1, rate: 1 }), summaryDataJson({ p95: 2, rate: 2 })]).length, 2);
    assert.equal(
      runsOf({ runs: [exportJson({ p95: 1, rate: 1 }), exportJson({ p95: 2, rate: 2 }), exportJson({ p95: 3, rate: 3 })] }).length,
      3,
    );
  });

  it('names what is wrong with something that is not a summary', () => {
    assert.throws(() => runsOf({ hello: 1 }), /not a k6 summary.*--summary-export or handleSummary/);
  });
});
