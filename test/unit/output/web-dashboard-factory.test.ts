import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consolidate } from '../../../runtime/options/consolidate.ts';
import type { OutputContext } from '../../../runtime/output/output.ts';
import { webDashboard, webDashboardOutput } from '../../../runtime/output/web-dashboard/index.ts';

function context(env: NodeJS.ProcessEnv, warnings: string[] = []): OutputContext {
  const log = { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
  return { scriptPath: 'dir/test.ts', options: consolidate({ env: {}, cli: {} }), env, log };
}

describe('web dashboard factory', () => {
  it('gives no output unless turned on, and says so when only an export file is set', () => {
    const warnings: string[] = [];
    assert.equal(webDashboard(context({ K6_WEB_DASHBOARD_EXPORT: 'r.html' }, warnings), false), undefined);
    assert.match(warnings[0]!, /K6_WEB_DASHBOARD_EXPORT has no effect without K6_WEB_DASHBOARD=true/);
  });

  it('describes where to look in the banner', () => {
    assert.equal(webDashboard(context({}), true)?.description, 'web-dashboard (http://127.0.0.1:5665)');
    const exportOnly = { K6_WEB_DASHBOARD_PORT: '-1', K6_WEB_DASHBOARD_EXPORT: 'r.html' };
    assert.equal(webDashboardOutput('', context(exportOnly)).description, 'web-dashboard (report r.html)');
  });
});
