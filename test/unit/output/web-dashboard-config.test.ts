import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { dashboardConfig } from '../../../runtime/output/web-dashboard/config.ts';

describe('web dashboard config (K6_WEB_DASHBOARD_*)', () => {
  it('is off unless K6_WEB_DASHBOARD=true or the flag', () => {
    assert.equal(dashboardConfig({}, false), undefined);
    assert.equal(dashboardConfig({ K6_WEB_DASHBOARD: 'false' }, false), undefined);
    assert.notEqual(dashboardConfig({}, true), undefined);
  });

  it("has k6's defaults, on 127.0.0.1", () => {
    assert.deepEqual(dashboardConfig({ K6_WEB_DASHBOARD: 'true' }, false), {
      host: '127.0.0.1',
      port: 5665,
      periodMs: 10_000,
      open: false,
      exportPath: undefined,
    });
  });

  it('reads host, port, period, open and export', () => {
    const env = {
      K6_WEB_DASHBOARD: '1',
      K6_WEB_DASHBOARD_HOST: 'localhost',
      K6_WEB_DASHBOARD_PORT: '-1',
      K6_WEB_DASHBOARD_PERIOD: '2s',
      K6_WEB_DASHBOARD_OPEN: 'true',
      K6_WEB_DASHBOARD_EXPORT: 'r.html',
    };
    assert.deepEqual(dashboardConfig(env, false), { host: 'localhost', port: -1, periodMs: 2000, open: true, exportPath: 'r.html' });
  });

  it('names the variable and the fix for bad values', () => {
    assert.throws(
      () => dashboardConfig({ K6_WEB_DASHBOARD_PORT: 'x' }, true),
      (e: ConfigError) => e instanceof ConfigError && /K6_WEB_DASHBOARD_PORT.*-1 for no server/.test(e.message),
    );
    assert.throws(() => dashboardConfig({ K6_WEB_DASHBOARD_PORT: '70000' }, true), ConfigError);
    assert.throws(() => dashboardConfig({ K6_WEB_DASHBOARD_PERIOD: '100ms' }, true), /at least 1s/);
    assert.throws(() => dashboardConfig({ K6_WEB_DASHBOARD: 'yes' }, false), /K6_WEB_DASHBOARD must be true or false/);
  });
});
