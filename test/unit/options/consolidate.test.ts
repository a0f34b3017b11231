import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { type ConsolidateInput, consolidate } from '../../../runtime/options/consolidate.ts';
import type { Options } from '../../../runtime/options/types.ts';

const run = (layers: Partial<ConsolidateInput>) => consolidate({ env: {}, cli: {}, ...layers });
const defaultScenario = (layers: Partial<ConsolidateInput>) => run(layers).scenarios['default'] as unknown as Record<string, unknown>;
const configError = (text: RegExp) => (err: unknown) => err instanceof ConfigError && err.exitCode === 104 && text.test(err.message);

describe('consolidate: precedence', () => {
  it('orders defaults < config file < script < env < CLI', () => {
    const layer = (tag: string): Options => ({ summaryExport: `${tag}.json`, tags: { from: tag } });
    const all = { defaults: layer('defaults'), config: layer('config'), script: layer('script'), env: layer('env'), cli: layer('cli') };
    assert.equal(run(all).summaryExport, 'cli.json');
    assert.equal(run({ ...all, cli: {} }).summaryExport, 'env.json');
    assert.equal(run({ ...all, cli: {}, env: {} }).summaryExport, 'script.json');
    assert.equal(run({ ...all, cli: {}, env: {}, script: undefined }).summaryExport, 'config.json');
    assert.equal(run({ defaults: layer('defaults') }).summaryExport, 'defaults.json');
  });

  it('replaces maps and lists whole rather than merging them', () => {
    const o = run({ script: { tags: { a: '1', b: '2' } }, cli: { tags: { c: '3' } } });
    assert.deepEqual(o.tags, { c: '3' });
  });

  it('lets a higher layer keep keys it does not set', () => {
    const o = run({ config: { noSetup: true }, script: { throw: true }, env: { summaryMode: 'full' } });
    assert.equal(o.noSetup, true);
    assert.equal(o.throw, true);
    assert.equal(o.summaryMode, 'full');
  });

  it('treats null script values as unset', () => {
    assert.equal(run({ config: { summaryExport: 'c.json' }, script: { summaryExport: null } }).summaryExport, 'c.json');
  });

  it('lets a CLI duration replace script scenarios, with a warning', () => {
    const o = run({
      script: { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '10s' } } },
      cli: { duration: '5s', vus: 3 },
    });
    assert.deepEqual(Object.keys(o.scenarios), ['default']);
    assert.equal(o.scenarios['default']!.executor, 'constant-vus');
    assert.equal(o.warnings.length, 1);
    assert.match(o.warnings[0]!, /"scenarios" from script options is overridden by "duration" from the command line/);
  });

  it('lets env iterations clear script stages and duration (no maxDuration from the script)', () => {
    const o = run({ script: { vus: 2, stages: [{ duration: '10s', target: 5 }], duration: '1m' }, env: { iterations: 4 } });
    const s = o.scenarios['default'] as unknown as Record<string, unknown>;
    assert.equal(s.executor, 'shared-iterations');
    assert.equal(s.vus, 2);
    assert.equal(s.iterations, 4);
    assert.equal(s.maxDurationMs, 600_000);
    assert.equal(o.warnings.length, 2);
  });

  it('warns when a higher layer changes vus, not when it repeats it', () => {
    assert.match(run({ script: { vus: 2, duration: '10s' }, cli: { vus: 5 } }).warnings.join('\n'), /"vus" from script options/);
    assert.deepEqual(run({ script: { vus: 2, duration: '10s' }, cli: { vus: 2 } }).warnings, []);
  });

  it('does not warn about overriding the defaults layer', () => {
    assert.deepEqual(run({ defaults: { vus: 1, duration: '1s' }, script: { iterations: 3 } }).warnings, []);
  });

  it('merges the merged view used by exec.test.options', () => {
    assert.deepEqual(run({ script: { vus: 2, duration: '10s' }, cli: { vus: 5 } }).merged, { vus: 5, duration: '10s' });
  });
});

describe('consolidate: defaults', () => {
  it('fills k6 defaults', () => {
    const o = run({});
    assert.deepEqual(o.summaryTrendStats, ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
    assert.equal(o.setupTimeoutMs, 60_000);
    assert.equal(o.teardownTimeoutMs, 60_000);
    assert.deepEqual(o.systemTags, [
      'proto',
      'subproto',
      'status',
      'method',
      'url',
      'name',
      'group',
      'check',
      'error',
      'error_code',
      'tls_version',
      'scenario',
      'service',
      'expected_response',
    ]);
    assert.equal(o.summaryTimeUnit, null);
    assert.equal(o.summaryMode, 'compact');
    assert.equal(o.summaryExport, null);
    assert.equal(o.executionSegment, null);
    assert.equal(o.executionSegmentSequence, null);
    assert.equal(o.minIterationDurationMs, 0);
    assert.equal(o.noSetup, false);
    assert.equal(o.noTeardown, false);
    assert.equal(o.throw, false);
    assert.equal(o.noThresholds, false);
    assert.deepEqual(o.thresholds, {});
    assert.deepEqual(o.tags, {});
    assert.deepEqual(o.out, []);
    assert.deepEqual(o.warnings, []);
  });

  it('converts durations to ms and parses outputs', () => {
    const o = run({
      script: { setupTimeout: '2m', teardownTimeout: 1500, minIterationDuration: '1.5s' },
      cli: { out: ['json=a.json', 'csv=fileName=b.csv,saveInterval=2s', 'experimental-prometheus-rw'] },
    });
    assert.equal(o.setupTimeoutMs, 120_000);
    assert.equal(o.teardownTimeoutMs, 1500);
    assert.equal(o.minIterationDurationMs, 1500);
    assert.deepEqual(o.out, [
      { type: 'json', arg: 'a.json' },
      { type: 'csv', arg: 'fileName=b.csv,saveInterval=2s' },
      { type: 'experimental-prometheus-rw', arg: '' },
    ]);
  });
});

describe('consolidate: shortcut → scenario derivation', () => {
  it('makes 1 VU × 1 iteration of per-vu-iterations without shortcuts', () => {
    const s = defaultScenario({});
    assert.equal(s.executor, 'per-vu-iterations');
    assert.equal(s.vus, 1);
    assert.equal(s.iterations, 1);
  });

  it('warns that a lone vus is ignored (k6 v1.x)', () => {
    const o = run({ script: { vus: 10 } });
    assert.equal(o.scenarios['default']!.executor, 'per-vu-iterations');
    assert.match(o.warnings[0]!, /"vus" option \(10\) is ignored/);
  });

  it('iterations ⇒ shared-iterations, with duration as maxDuration', () => {
    const s = defaultScenario({ script: { vus: 5, iterations: 100, duration: '2m' } });
    assert.equal(s.executor, 'shared-iterations');
    assert.equal(s.vus, 5);
    assert.equal(s.iterations, 100);
    assert.equal(s.maxDurationMs, 120_000);
    assert.equal(defaultScenario({ script: { iterations: 3 } }).maxDurationMs, 600_000);
  });

  it('duration ⇒ constant-vus', () => {
    const s = defaultScenario({ cli: { vus: 4, duration: '30s' } });
    assert.equal(s.executor, 'constant-vus');
    assert.equal(s.vus, 4);
    assert.equal(s.durationMs, 30_000);
  });

  it('stages ⇒ ramping-vus starting at vus, skipping stages without duration', () => {
    const s = defaultScenario({
      script: { vus: 3, stages: [{ duration: '10s', target: 5 }, { target: 7 }, { duration: '5s', target: 0 }] },
    });
    assert.equal(s.executor, 'ramping-vus');
    assert.equal(s.startVUs, 3);
    assert.deepEqual(s.stages, [
      { durationMs: 10_000, target: 5 },
      { durationMs: 5_000, target: 0 },
    ]);
    assert.equal(defaultScenario({ env: { stages: [{ duration: '1s', target: 1 }] } }).startVUs, 1);
  });

  it('uses explicit scenarios as they are, normalised by their executors', () => {
    const o = run({
      script: {
        scenarios: {
          ingest: { executor: 'constant-arrival-rate', rate: 100, duration: '1m', preAllocatedVUs: 10 },
          check: { executor: 'per-vu-iterations', startTime: '1m', exec: 'verify' },
        },
      },
    });
    assert.deepEqual(Object.keys(o.scenarios), ['ingest', 'check']);
    assert.equal(o.scenarios['ingest']!.executor, 'constant-arrival-rate');
    assert.equal(o.scenarios['ingest']!.name, 'ingest');
    assert.equal(o.scenarios['check']!.startTimeMs, 60_000);
    assert.equal(o.scenarios['check']!.exec, 'verify');
  });

  it('treats an empty scenarios object as no scenarios', () => {
    assert.equal(defaultScenario({ script: { scenarios: {} } }).executor, 'per-vu-iterations');
  });

  const conflicts: Array<[string, Options, RegExp]> = [
    ['iterations + stages', { iterations: 5, stages: [{ duration: '1s', target: 1 }] }, /"iterations" and "stages"/],
    ['iterations + scenarios', { iterations: 5, scenarios: { a: { executor: 'per-vu-iterations' } } }, /"iterations" and "scenarios"/],
    ['duration + stages', { duration: '5s', stages: [{ duration: '1s', target: 1 }] }, /"duration" and "stages"/],
    ['duration + scenarios', { duration: '5s', scenarios: { a: { executor: 'per-vu-iterations' } } }, /"duration" and "scenarios"/],
    [
      'stages + scenarios',
      { stages: [{ duration: '1s', target: 1 }], scenarios: { a: { executor: 'per-vu-iterations' } } },
      /"stages" and "scenarios"/,
    ],
  ];
  for (const [name, script, message] of conflicts) {
    it(`rejects ${name} in one layer (exit 104)`, () => {
      assert.throws(() => run({ script }), configError(message));
    });
  }

  it('rejects a zero duration', () => {
    assert.throws(() => run({ cli: { duration: '0s' } }), configError(/"duration" must be positive/));
  });

  it('passes executor errors through, naming the scenario', () => {
    assert.throws(() => run({ script: { vus: 10, iterations: 5 } }), configError(/scenario "default".*iterations/));
    assert.throws(
      () => run({ script: { scenarios: { x: { executor: 'constant-vus', duration: '1m', rate: 3 } } } }),
      configError(/scenario "x".*"rate"/),
    );
    assert.throws(() => run({ script: { scenarios: { x: { executor: 'warp-speed' } } } }), configError(/warp-speed/));
    assert.throws(() => run({ script: { scenarios: { x: { vus: 1 } } } }), configError(/scenario "x".*executor/));
    assert.throws(() => run({ script: { scenarios: { 'bad name': { executor: 'per-vu-iterations' } } } }), configError(/bad name/));
  });
});

describe('consolidate: validation', () => {
  it('accepts every trend stat form', () => {
    const stats = ['avg', 'min', 'med', 'max', 'count', 'p(0)', 'p(50)', 'p(99.99)', 'p(100)'];
    assert.deepEqual(run({ script: { summaryTrendStats: stats } }).summaryTrendStats, stats);
  });

  for (const bad of ['p95', 'p()', 'p(101)', 'p(-1)', 'mean', 'P(90)', 'p(9a)']) {
    it(`rejects trend stat ${bad}`, () => {
      assert.throws(() => run({ script: { summaryTrendStats: ['avg', bad] } }), configError(/options\.summaryTrendStats.*trend stat/));
    });
  }

  it('rejects bad script values, naming options.<key>', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ summaryTimeUnit: 'm' }, /options\.summaryTimeUnit/],
      [{ vus: -1 }, /options\.vus/],
      [{ vus: '10' }, /options\.vus/],
      [{ iterations: 1.5 }, /options\.iterations/],
      [{ duration: 'long' }, /options\.duration/],
      [{ setupTimeout: true }, /options\.setupTimeout/],
      [{ noSetup: 'yes' }, /options\.noSetup/],
      [{ tags: { build: 1 } }, /options\.tags/],
      [{ systemTags: ['vu', 'nope'] }, /options\.systemTags.*nope/],
      [{ thresholds: { http_req_duration: 'p(95)<200' } }, /options\.thresholds/],
      [{ stages: [{ duration: 'x', target: 1 }] }, /options\.stages\[0\]\.duration/],
      [{ scenarios: { a: 3 } }, /options\.scenarios.*"a"/],
    ];
    for (const [script, message] of cases) assert.throws(() => run({ script }), configError(message), JSON.stringify(script));
  });

  it('names the config file in its errors', () => {
    assert.throws(() => run({ config: { vus: 'x' }, configPath: 'k6.json' }), configError(/"vus" in config file k6\.json/));
  });

  it('rejects script options that are not an object', () => {
    assert.throws(() => run({ script: [1] }), configError(/script options must be an object/));
  });

  it('ignores unknown keys with a warning, as k6 does', () => {
    const o = run({ script: { vus: 1, vuz: 10 } });
    assert.deepEqual(o.warnings, ['unknown option "vuz" in script options is ignored']);
    assert.equal('vuz' in o.merged, false);
  });

  it('keeps HTTP-only and ignored k6 options', () => {
    const o = run({ script: { discardResponseBodies: true, userAgent: 'sp', dns: { ttl: '1m' } } });
    assert.deepEqual(o.merged, { discardResponseBodies: true, userAgent: 'sp', dns: { ttl: '1m' } });
  });
});
