import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { envBool, envInt, envList, envNumber, envString } from '../../../lib/env.ts';
import { mergeThresholds, parseSloFile } from '../../../lib/thresholds.ts';
import { epochUs, parseStamp, STAMP_HEADERS, Stamper } from '../../../lib/stamp-headers.ts';

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
    assert.deepEqual(parseSloFile('{"a": [{"threshold": "count < 1", "abortOnFail": true}]}', 'x.json'),
      { a: [{ threshold: 'count < 1', abortOnFail: true }] });
  });

  test('the SLO file wins per metric; other script thresholds stay', () => {
    const merged = mergeThresholds({ checks: ['rate == 1'], my_trend: ['p(95) < 10'] }, { checks: ['rate > 0.99'] });
    assert.deepEqual(merged, { checks: ['rate > 0.99'], my_trend: ['p(95) < 10'] });
    assert.deepEqual(mergeThresholds(undefined, {}), {});
  });
});

describe('stamps', () => {
  test('per-generator sequence numbers and µs times as decimal strings', () => {
    const s = new Stamper('run-1', '7');
    const intended = epochUs(1_764_000_000_123.456);
    assert.equal(intended, '1764000000123456');
    const h0 = s.headers(intended, '1764000000124000');
    const h1 = s.headers(intended, '1764000000124000');
    assert.deepEqual(Object.keys(h0).sort(), Object.values(STAMP_HEADERS).sort());
    assert.equal(h0[STAMP_HEADERS.seq], '0');
    assert.equal(h1[STAMP_HEADERS.seq], '1');
    assert.equal(s.nextSeq, 2);
    assert.deepEqual(parseStamp(h1), {
      runId: 'run-1', generatorId: '7', seq: 1, intendedUs: 1764000000123456, sentUs: 1764000000124000,
    });
    assert.equal(parseStamp({}), undefined);
  });

  test('sequence numbers stay plain decimals past the cheap-formatting boundaries', () => {
    const s = new Stamper('run-1', '7');
    for (let seq = 0; seq < 1050; seq++) {
      const h = s.headers('1', '2');
      assert.equal(h['sp-seq'], String(seq));
      assert.equal(h['sp-run'], 'run-1');
    }
  });
});
