import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consolidate } from '../../../runtime/options/consolidate.ts';
import { testOptionsView } from '../../../runtime/options/test-options-view.ts';

describe('testOptionsView (exec.test.options)', () => {
  const view = testOptionsView(
    consolidate({
      script: {
        vus: 5,
        duration: '1m30s',
        thresholds: { http_req_failed: ['rate<0.01'] },
        tags: { env: 'ci' },
        systemTags: ['vu', 'scenario', 'group'],
        discardResponseBodies: true,
      },
      env: {},
      cli: { minIterationDuration: '500ms' },
    }),
  );

  it('has no shortcut keys, only scenarios', () => {
    for (const key of ['vus', 'duration', 'iterations', 'stages']) assert.equal(key in view, false, key);
    assert.deepEqual(view.scenarios, {
      default: {
        executor: 'constant-vus',
        startTime: '0s',
        gracefulStop: '30s',
        exec: 'default',
        env: {},
        tags: {},
        vus: 5,
        duration: '1m30s',
      },
    });
  });

  it('shows durations as duration strings and defaults filled', () => {
    assert.equal(view.setupTimeout, '1m0s');
    assert.equal(view.teardownTimeout, '1m0s');
    assert.equal(view.minIterationDuration, '500ms');
    assert.deepEqual(view.summaryTrendStats, ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
    assert.deepEqual(view.systemTags, ['group', 'scenario', 'vu']);
  });

  it('keeps set values and shows unset options as null', () => {
    assert.deepEqual(view.thresholds, { http_req_failed: ['rate<0.01'] });
    assert.deepEqual(view.tags, { env: 'ci' });
    assert.equal(view.discardResponseBodies, true);
    for (const key of ['summaryTimeUnit', 'executionSegment', 'noSetup', 'throw', 'userAgent', 'consoleOutput', 'localIPs', 'hosts']) {
      assert.equal(view[key], null, key);
    }
  });

  it('has no streamprobe run options', () => {
    for (const key of ['out', 'summaryMode', 'summaryExport', 'noThresholds']) assert.equal(key in view, false, key);
  });

  it('is deeply frozen', () => {
    assert.equal(Object.isFrozen(view), true);
    assert.equal(Object.isFrozen(view.scenarios), true);
    assert.equal(Object.isFrozen((view.scenarios as Record<string, object>)['default']), true);
    assert.equal(Object.isFrozen(view.summaryTrendStats), true);
    assert.throws(() => {
      (view as Record<string, unknown>).tags = null;
    }, TypeError);
  });

  it('converts nested stage durations', () => {
    const v = testOptionsView(consolidate({ script: { stages: [{ duration: '10s', target: 3 }] }, env: {}, cli: {} }));
    const scenario = (v.scenarios as Record<string, Record<string, unknown>>)['default']!;
    assert.deepEqual(scenario.stages, [{ duration: '10s', target: 3 }]);
    assert.equal(scenario.gracefulRampDown, '30s');
    assert.equal(scenario.startVUs, 1);
  });
});
