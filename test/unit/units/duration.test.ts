import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { formatDuration, parseDuration, parseGoDuration } from '../../../runtime/units/duration.ts';

describe('parseDuration', () => {
  it('reads numbers and unitless strings as milliseconds', () => {
    assert.equal(parseDuration(1500, 'x'), 1500);
    assert.equal(parseDuration('1500', 'x'), 1500);
    assert.equal(parseDuration('2.5', 'x'), 2.5);
  });

  it('reads Go duration syntax', () => {
    const cases: Array<[string, number]> = [
      ['30s', 30_000],
      ['1m30s', 90_000],
      ['500ms', 500],
      ['1.5s', 1500],
      ['1h2m3.5s', 3_723_500],
      ['1us', 0.001],
      ['1µs', 0.001],
      ['250ns', 0.00025],
      ['.5s', 500],
      ['0', 0],
      ['-1s', -1000],
      ['2h', 7_200_000],
    ];
    for (const [text, ms] of cases) assert.equal(parseDuration(text, 'x'), ms, text);
  });

  it('reads a leading day part', () => {
    assert.equal(parseDuration('1d', 'x'), 86_400_000);
    assert.equal(parseDuration('1d2h', 'x'), 93_600_000);
    assert.equal(parseDuration('2d12h30m', 'x'), 2 * 86_400_000 + 12 * 3_600_000 + 30 * 60_000);
  });

  it('rejects malformed values naming the field', () => {
    for (const bad of ['10 s', '', 's', '1x', '1d-2h', '1.2.3s', 'abc', null, {}, Number.NaN]) {
      assert.throws(
        () => parseDuration(bad, '"duration"'),
        (e: unknown) => e instanceof ConfigError && /invalid duration .* for "duration"; use Go syntax like "30s"/.test(e.message),
        String(bad),
      );
    }
    assert.throws(() => parseDuration('10 s', '"duration"'), {
      message: 'invalid duration "10 s" for "duration"; use Go syntax like "30s", "1m30s" or "500ms"',
    });
  });
});

describe('formatDuration', () => {
  it('prints like Go', () => {
    const cases: Array<[number, string]> = [
      [90_000, '1m30s'],
      [500, '500ms'],
      [7_200_000, '2h0m0s'],
      [60_000, '1m0s'],
      [1500, '1.5s'],
      [30_000, '30s'],
      [0, '0s'],
      [0.0015, '1.5µs'],
      [0.00025, '250ns'],
      [1.25, '1.25ms'],
      [3_723_500, '1h2m3.5s'],
      [-1000, '-1s'],
      [600_000, '10m0s'],
    ];
    for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, String(ms));
  });

  it('round-trips with parseDuration', () => {
    for (const text of ['1m30s', '2h0m0s', '1.5s', '500ms', '1.5µs', '10m0s', '26h3m0.001s']) {
      assert.equal(formatDuration(parseDuration(text, 'x')), text);
    }
  });
});

describe('parseGoDuration (Go syntax only, as xk6-kafka parses maxWait)', () => {
  it('reads what Go reads, truncated to whole nanoseconds as Go does', () => {
    assert.equal(parseGoDuration('1h2m3.5s', 'maxWait'), 3_723_500);
    assert.equal(parseGoDuration('200ms', 'maxWait'), 200);
    assert.equal(parseGoDuration('1500us', 'maxWait'), 1.5);
    assert.equal(parseGoDuration('-1.5s', 'maxWait'), -1500);
    assert.equal(parseGoDuration('0', 'maxWait'), 0);
    assert.equal(parseGoDuration('1.0000000009s', 'maxWait'), 1000);
  });
  it('refuses what k6 durations accept but Go does not: numbers, bare digits, days, spaces', () => {
    for (const bad of [5, '5', '2d', '1d12h', ' 5s', '5s ', '', '.s']) {
      assert.throws(
        () => parseGoDuration(bad, 'maxWait'),
        (e: unknown) => e instanceof ConfigError && /maxWait.*"5s"/.test(e.message),
        String(bad),
      );
    }
  });
});
