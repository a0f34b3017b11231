import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { mergeThresholds, parseSloFile } from '../../../lib/thresholds.ts';

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
