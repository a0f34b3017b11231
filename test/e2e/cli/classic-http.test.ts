/**
 * k6/http in classic mode: a synchronous script against a real local server gets Responses as
 * values, with the metrics and tags of async mode; timeouts and interrupts end blocked requests.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../integration/http/server.ts';
import { count, expectCode, failedChecks, FIXTURES, runWithExport, sharedRun } from './run-cli.ts';

const fixture = (name: string) => path.join(FIXTURES, 'classic', `${name}.js`);
// not quiet: the banner names the mode
const OPTS = { timeoutMs: 120_000, quiet: false };

describe('classic mode: k6/http', { concurrency: 1, timeout: 300_000 }, () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  const run = sharedRun(() => runWithExport([fixture('http'), '-e', `BASE=${server.url}`], OPTS));

  it('runs in classic mode with every check passing', async () => {
    const r = await run();
    expectCode(r, 0);
    assert.match(r.stdout, /classic mode/);
    assert.deepEqual(failedChecks(r.summary), []);
    assert.equal(Object.keys(r.summary.root_group.checks).length, 7);
  });

  it('http_reqs, http_req_duration and http_req_failed per hop, with k6 tags', async () => {
    const { summary } = await run();
    const c = (sel: string) => count(summary, `http_reqs{${sel}}`);
    // per iteration: get, post, 2 batch, 3 redirect hops, timeout, asyncRequest = 9
    assert.equal(count(summary, 'http_reqs'), 36);
    assert.deepEqual([c('name:get'), c('name:post'), c('name:batch'), c('name:redirect'), c('name:timeout')], [4, 4, 8, 12, 4]);
    assert.deepEqual([c('status:302'), c('status:0'), c('method:POST'), c('error_code:1050'), c('scenario:default')], [8, 4, 4, 4, 36]);
    // a Trend has no count in the export: its values say it was recorded
    assert.ok(summary.metrics['http_req_duration']!.max! >= 300, 'the timed-out requests lasted their timeout');
    assert.ok(summary.metrics['http_req_duration{name:get}']!.max! > 0);
    const failed = summary.metrics['http_req_failed']!;
    // k6's Rate counts failures as "passes": the timeouts
    assert.deepEqual([failed.passes, failed.fails], [4, 32]);
    assert.equal(summary.metrics['http_req_failed{name:timeout}']!.value, 1);
  });

  it('every verb, cookies, refused and unresolvable hosts, binary bodies and expected statuses', async () => {
    const r = await runWithExport([fixture('http-more'), '-e', `BASE=${server.url}`], OPTS);
    expectCode(r, 0);
    assert.match(r.stdout, /classic mode/);
    assert.deepEqual(failedChecks(r.summary), []);
    assert.equal(Object.keys(r.summary.root_group.checks).length, 8);
    assert.equal(count(r.summary, 'http_reqs{error_code:1212}'), 2);
    // the refused, unresolvable and (not expected by default) nothing else: the 404 was expected
    assert.equal(count(r.summary, 'http_reqs{expected_response:false}'), 4);
  });

  it('gracefulStop wakes a request blocked on a server that never answers; nothing after it runs', async () => {
    const r = await runWithExport([fixture('http-interrupt'), '-e', `BASE=${server.url}`], OPTS);
    expectCode(r, 0);
    assert.match(r.stdout, /classic mode/);
    assert.equal(count(r.summary, 'after_request'), undefined);
    assert.equal(count(r.summary, 'http_reqs'), undefined);
  });
});
