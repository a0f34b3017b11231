import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { parseEnvOptions } from '../../../runtime/options/env-options.ts';

describe('parseEnvOptions', () => {
  it('reads the execution shortcuts', () => {
    assert.deepEqual(parseEnvOptions({ K6_VUS: '10', K6_DURATION: '1m30s', K6_ITERATIONS: '100' }), {
      vus: 10,
      duration: '1m30s',
      iterations: 100,
    });
  });

  it('reads K6_STAGES as DURATION:TARGET pairs', () => {
    assert.deepEqual(parseEnvOptions({ K6_STAGES: '30s:10,1m:20, 10s:0' }).stages, [
      { duration: '30s', target: 10 },
      { duration: '1m', target: 20 },
      { duration: '10s', target: 0 },
    ]);
  });

  it('reads booleans in Go spellings', () => {
    const o = parseEnvOptions({ K6_NO_SETUP: 'true', K6_NO_TEARDOWN: '1', K6_THROW: 'F', K6_NO_THRESHOLDS: 'FALSE' });
    assert.deepEqual(o, { noSetup: true, noTeardown: true, throw: false, noThresholds: false });
  });

  it('reads lists, tags, enums and outputs', () => {
    const o = parseEnvOptions({
      K6_TAGS: 'env=staging,team:data',
      K6_SUMMARY_TREND_STATS: 'avg,p(99.9),count',
      K6_SUMMARY_TIME_UNIT: 'ms',
      K6_SYSTEM_TAGS: 'scenario,group,vu',
      K6_SUMMARY_MODE: 'full',
      K6_SUMMARY_EXPORT: 'summary.json',
      K6_OUT: 'json=out.json,experimental-prometheus-rw',
      K6_SETUP_TIMEOUT: '2m',
      K6_MIN_ITERATION_DURATION: '500ms',
    });
    assert.deepEqual(o, {
      tags: { env: 'staging', team: 'data' },
      summaryTrendStats: ['avg', 'p(99.9)', 'count'],
      summaryTimeUnit: 'ms',
      systemTags: ['scenario', 'group', 'vu'],
      summaryMode: 'full',
      summaryExport: 'summary.json',
      out: ['json=out.json', 'experimental-prometheus-rw'],
      setupTimeout: '2m',
      minIterationDuration: '500ms',
    });
  });

  it('reads K6_THRESHOLDS as JSON', () => {
    assert.deepEqual(parseEnvOptions({ K6_THRESHOLDS: '{"http_req_failed":["rate<0.01"]}' }).thresholds, {
      http_req_failed: ['rate<0.01'],
    });
  });

  it('maps the deprecated K6_NO_SUMMARY to summary mode disabled', () => {
    assert.equal(parseEnvOptions({ K6_NO_SUMMARY: 'true' }).summaryMode, 'disabled');
    assert.equal(parseEnvOptions({ K6_NO_SUMMARY: 'false' }).summaryMode, undefined);
  });

  it('ignores empty and unrelated variables', () => {
    assert.deepEqual(parseEnvOptions({ K6_VUS: '', PATH: '/bin', HOME: undefined }), {});
  });

  const bad: Array<[string, string]> = [
    ['K6_VUS', 'ten'],
    ['K6_VUS', '-1'],
    ['K6_ITERATIONS', '1.5'],
    ['K6_DURATION', 'forever'],
    ['K6_STAGES', '30s'],
    ['K6_STAGES', '30s:x'],
    ['K6_NO_SETUP', 'yes'],
    ['K6_SUMMARY_TREND_STATS', 'avg,p95'],
    ['K6_SUMMARY_TREND_STATS', 'p(101)'],
    ['K6_SUMMARY_TIME_UNIT', 'ns'],
    ['K6_SUMMARY_MODE', 'short'],
    ['K6_SYSTEM_TAGS', 'scenario,nope'],
    ['K6_TAGS', 'novalue'],
    ['K6_THRESHOLDS', '{bad json'],
    ['K6_SETUP_TIMEOUT', '1x'],
  ];
  for (const [name, value] of bad) {
    it(`rejects ${name}=${value} naming the variable`, () => {
      assert.throws(
        () => parseEnvOptions({ [name]: value }),
        (err: unknown) => err instanceof ConfigError && err.exitCode === 104 && err.message.includes(name),
      );
    });
  }
});
