import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { envBool, envInt, envList, envNumber, envString } from '../../../lib/env.ts';
import { mergeThresholds, parseSloFile } from '../../../lib/thresholds.ts';
import {
  COMPACT_STAMP_HEADER,
  epochUs,
  formatCompactStamp,
  parseCompactStamp,
  readStamp,
  STAMP_HEADERS,
  Stamper,
  stampTimes,
} from '../../../lib/stamp-headers.ts';

describe('env', () => {
  const env = { RATE: '2500', BATCH: '1.5', BROKERS: 'a:1, b:2,', EMPTY: '', FLAG: 'yes', BAD: 'ten' };
  test('typed reads with defaults and clear errors', () => {
    assert.equal(envNumber(env, 'RATE', 1), 2500);
    assert.equal(envNumber(env, 'MISSING', 7), 7);
    assert.equal(envString(env, 'EMPTY', 'd'), 'd');
    assert.deepEqual(envList(env, 'BROKERS', []), ['a:1', 'b:2']);
    assert.deepEqual(envList(env, 'MISSING', ['x']), ['x']);
    assert.equal(envBool(env, 'FLAG', false), true);
    assert.throws(() => envNumber(env, 'BAD', 10), /BAD='ten' is not a number; set it to e\.g\. BAD=10/);
    assert.throws(() => envInt(env, 'BATCH', 100), /BATCH='1.5' must be a whole number/);
  });
});

describe('SLO files', () => {
  test('every thresholds/*.json parses', () => {
    const files = readdirSync('thresholds').filter((f) => f.endsWith('.json'));
    assert.ok(files.includes('local.json') && files.includes('ci.json'));
    for (const f of files) {
      const t = parseSloFile(readFileSync(`thresholds/${f}`, 'utf8'), f);
      assert.ok(Object.keys(t).length > 0, f);
    }
  });

  test('invalid files are rejected naming the file and entry', () => {
    assert.throws(() => parseSloFile('{', 'x.json'), /SLO file x\.json is not valid JSON/);
    assert.throws(() => parseSloFile('[]', 'x.json'), /must hold an object/);
    assert.throws(() => parseSloFile('{"checks": "rate == 1"}', 'x.json'), /"checks" must be a list/);
    assert.throws(() => parseSloFile('{"checks": [1]}', 'x.json'), /"checks"\[0\] must be a string/);
    assert.deepEqual(parseSloFile('{"a": [{"threshold": "count < 1", "abortOnFail": true}]}', 'x.json'), {
      a: [{ threshold: 'count < 1', abortOnFail: true }],
    });
  });

  test('the SLO file wins per metric; other script thresholds stay', () => {
    const merged = mergeThresholds({ checks: ['rate == 1'], my_trend: ['p(95) < 10'] }, { checks: ['rate > 0.99'] });
    assert.deepEqual(merged, { checks: ['rate > 0.99'], my_trend: ['p(95) < 10'] });
    assert.deepEqual(mergeThresholds(undefined, {}), {});
  });
});

describe('stamps', () => {
  test('one compact header per record: run, generator, sequence, µs times shared by the batch', () => {
    const s = new Stamper('run:1', '7');
    assert.equal(epochUs(1_764_000_000_123.456), '1764000000123456');
    const times = stampTimes(1_764_000_000_123.456, 1_764_000_000_124);
    const h0 = s.headers(times);
    const h1 = s.headers(times);
    assert.deepEqual(Object.keys(h0), [COMPACT_STAMP_HEADER]);
    assert.equal(h0.sp, 'run:1:7:0:1764000000123456:1764000000124000');
    assert.equal(s.nextSeq, 2);
    assert.deepEqual(readStamp(h1), { runId: 'run:1', generatorId: '7', seq: 1, intendedUs: 1764000000123456, sentUs: 1764000000124000 });
    assert.equal(parseCompactStamp(formatCompactStamp(readStamp(h1)!)!)?.seq, 1);
    assert.equal(readStamp({}), undefined);
    assert.equal(parseCompactStamp('run:7:x:1:2'), undefined);
  });

  test('the five older headers are still read; sp wins when both are present', () => {
    const five = { 'sp-run': 'r', 'sp-gen': 'g', 'sp-seq': '3', 'sp-intended-us': '10', 'sp-sent-us': '11' };
    assert.deepEqual(readStamp(five), { runId: 'r', generatorId: 'g', seq: 3, intendedUs: 10, sentUs: 11 });
    assert.equal(readStamp({ ...five, sp: 'r:g:4:10:11' })?.seq, 4);
    assert.deepEqual(Object.keys(five).sort(), Object.values(STAMP_HEADERS).sort());
  });

  test('sequence numbers stay plain decimals past the cheap-formatting boundaries, also after a gateway batch', () => {
    const s = new Stamper('run-1', '7');
    for (let seq = 0; seq < 1050; seq++) assert.equal(s.headers(':1:2').sp, `run-1:7:${seq}:1:2`);
    assert.equal(s.batchHeader(150, ':1:2').sp, 'run-1:7:1050:1:2');
    assert.equal(s.headers(':1:2').sp, 'run-1:7:1200:1:2');
    s.batchHeader(1, ':1:2');
    assert.equal(s.headers(':1:2').sp, 'run-1:7:1202:1:2');
  });
});
