import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { durationMs, formatDuration } from '../../../lib/duration.ts';
import { parseDuration } from '../../../runtime/units/duration.ts';

describe('lib/duration', () => {
  test('parses k6 duration strings and formats them back', () => {
    assert.equal(durationMs('1m30s'), 90_000);
    assert.equal(durationMs('500ms'), 500);
    assert.equal(durationMs('2d12h'), 60 * 3_600_000);
    assert.equal(durationMs('1.5s'), 1500);
    assert.equal(durationMs('1.1s'), 1100);
    assert.equal(durationMs('250'), 250);
    assert.equal(durationMs(42), 42);
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(3_600_000), '1h');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(1500), '1500ms');
    assert.throws(() => durationMs(''), /invalid duration/);
    assert.throws(() => durationMs('10x'), /invalid duration '10x'/);
  });

  test('accepts only what scripts need: no sub-millisecond units, signs, spaces, or days after other units', () => {
    for (const bad of ['500us', '1ns', '-1s', '+1s', ' 30s', '30s ', '1h2d', '1.5d', '.5s', '1.s', 'd'])
      assert.throws(() => durationMs(bad), /invalid duration/, bad);
    assert.throws(() => durationMs(-1), /must be a number of milliseconds >= 0/);
  });

  test('what it accepts means the same to the runtime parser, and what it formats parses back', () => {
    const texts = ['0', '250', '1.5', '0s', '30s', '1m30s', '1.1s', '0.3s', '2h', '1h2m3.5s', '500ms', '1.25ms', '1d', '2d12h', '30s1m'];
    for (const text of texts) assert.equal(durationMs(text), parseDuration(text, 'duration'), text);
    for (const ms of [0, 1, 1500, 90_000, 3_600_000, 86_400_000 + 1000]) {
      assert.equal(parseDuration(formatDuration(ms), 'duration'), ms);
      assert.equal(durationMs(formatDuration(ms)), ms);
    }
  });
});
