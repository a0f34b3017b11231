import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defaultTolerances,
  NO_TOLERANCE_FILE,
  parseTolerance,
  parseToleranceFile,
  tolerancesFor,
} from '../../../runtime/compare/tolerances.ts';

const texts = (t: Record<string, { text: string }>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.text]));

describe('compare: tolerances', () => {
  it('parses growth and drop limits, relative or absolute', () => {
    assert.deepEqual(parseTolerance('+10%', 'x'), { worse: 'up', amount: 0.1, relative: true, text: '+10%' });
    assert.deepEqual(parseTolerance(' -5 % ', 'x'), { worse: 'down', amount: 0.05, relative: true, text: '-5%' });
    assert.deepEqual(parseTolerance('+2.5', 'x'), { worse: 'up', amount: 2.5, relative: false, text: '+2.5' });
    assert.throws(() => parseTolerance('10%', 'lat p(99)'), /lat p\(99\): "10%" is not a tolerance; write "\+10%"/);
  });

  it('defaults: latency stats may grow 10 %, throughput drop 5 %, errors grow 10 %; generator metrics and gauges are left out', () => {
    assert.deepEqual(texts(defaultTolerances('kafka_writer_write_seconds', 'trend')), {
      avg: '+10%',
      med: '+10%',
      'p(90)': '+10%',
      'p(95)': '+10%',
      'p(99)': '+10%',
      'p(99.9)': '+10%',
    });
    assert.deepEqual(texts(defaultTolerances('iterations', 'counter')), { rate: '-5%' });
    assert.deepEqual(texts(defaultTolerances('checks', 'rate')), { rate: '-5%' });
    assert.deepEqual(texts(defaultTolerances('kafka_writer_error_count', 'counter')), { count: '+10%' });
    assert.deepEqual(texts(defaultTolerances('dropped_iterations', 'counter')), { count: '+10%' });
    assert.deepEqual(texts(defaultTolerances('http_req_failed{scenario:api}', 'rate')), { rate: '+10%' });
    assert.deepEqual(defaultTolerances('event_loop_delay', 'trend'), {});
    assert.deepEqual(defaultTolerances('vus', 'gauge'), {});
  });

  it('a file adds and overrides per statistic, null turns a default or a metric off, $defaults: false keeps only the file', () => {
    const file = parseToleranceFile({
      kafka_writer_write_seconds: { 'p(99)': '+20%', avg: null },
      iterations: null,
      checks: { rate: '-1%' },
    });
    assert.deepEqual(texts(tolerancesFor(file, 'kafka_writer_write_seconds', 'trend')), {
      med: '+10%',
      'p(90)': '+10%',
      'p(95)': '+10%',
      'p(99)': '+20%',
      'p(99.9)': '+10%',
    });
    assert.deepEqual(tolerancesFor(file, 'iterations', 'counter'), {});
    assert.deepEqual(texts(tolerancesFor(file, 'checks', 'rate')), { rate: '-1%' });
    const only = parseToleranceFile({ $defaults: false, produce_latency: { 'p(95)': '+100' } });
    assert.deepEqual(tolerancesFor(only, 'iterations', 'counter'), {});
    assert.deepEqual(texts(tolerancesFor(only, 'produce_latency', 'trend')), { 'p(95)': '+100' });
    assert.deepEqual(texts(tolerancesFor(NO_TOLERANCE_FILE, 'iterations', 'counter')), { rate: '-5%' });
  });

  it('rejects a malformed file, naming the entry', () => {
    assert.throws(() => parseToleranceFile([]), /expected an object/);
    assert.throws(() => parseToleranceFile({ lat: '+10%' }), /lat: expected/);
    assert.throws(() => parseToleranceFile({ lat: { avg: 10 } }), /lat avg: a tolerance is a string/);
    assert.throws(() => parseToleranceFile({ $defaults: 'no' }), /"\$defaults" must be true or false/);
  });
});
