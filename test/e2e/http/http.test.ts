/** k6/http through the CLI against a real local server: responses, metrics and k6's tags. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closedPort, startTestServer, type TestServer } from '../../integration/http/server.ts';
import { count, expectCode, failedChecks, runCli, runWithExport, sharedRun } from '../cli/run-cli.ts';

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name);

describe('k6/http', { concurrency: 1 }, () => {
  let server: TestServer;
  let refused: number;
  before(async () => {
    server = await startTestServer();
    refused = await closedPort();
  });
  after(() => server.close());

  const api = sharedRun(() => runWithExport(['-e', `BASE=${server.url}`, '-e', `REFUSED=${refused}`, fixture('http-api.ts')]));

  test('every function answers as in k6 (one check per feature)', async () => {
    const r = await api();
    expectCode(r, 0);
    assert.deepEqual(failedChecks(r.summary), []);
    assert.ok(Object.keys(r.summary.root_group.checks).length >= 25);
  });

  test('one http_reqs sample per hop, named by tags.name (default: the URL) and http.url', async () => {
    const { summary } = await api();
    assert.equal(count(summary, 'http_reqs'), 31);
    const named = {
      named: 1,
      form: 1,
      put: 1,
      patch: 1,
      del: 1,
      options: 1,
      head: 1,
      request: 1,
      multipart: 1,
      binary: 1,
      redirect: 3,
      redirect0: 1,
      batch: 2,
      batchobj: 2,
      async: 1,
      timeout: 1,
      refused: 1,
    };
    for (const [name, n] of Object.entries(named)) assert.equal(count(summary, `http_reqs{name:${name}}`), n, name);
    assert.equal(count(summary, `http_reqs{url:"${server.url}/hello"}`), 1);
    assert.equal(count(summary, 'http_reqs{name:"${}/items/${}"}'), 1);
  });

  test('status, method, proto, error_code, scenario and group tags', async () => {
    const { summary } = await api();
    const c = (sel: string) => count(summary, `http_reqs{${sel}}`);
    assert.equal(c('status:302'), 3);
    assert.equal(c('status:0'), 2);
    assert.equal(c('method:POST'), 4);
    assert.equal(c('method:DELETE'), 1);
    assert.equal(c('method:HEAD'), 1);
    assert.equal(c('proto:HTTP/1.1'), 29);
    assert.equal(c('error_code:1050'), 1);
    assert.equal(c('error_code:1212'), 1);
    assert.equal(c('error_code:1404'), 3);
    assert.equal(c('scenario:default'), 31);
    assert.equal(c('group:::grp'), 1, 'a request started in a group counts there even when it ends after it');
  });

  test('http_req_failed follows expected_response: default 200–399, responseCallback, setResponseCallback', async () => {
    const { summary } = await api();
    const failed = summary.metrics['http_req_failed']!;
    // k6's Rate counts non-zero samples (failures) as "passes"
    assert.deepEqual([failed.passes, failed.fails], [4, 27]);
    assert.equal(count(summary, 'http_reqs{expected_response:false}'), 4);
    const rate = (name: string) => summary.metrics[`http_req_failed{name:${name}}`]!.value;
    assert.equal(rate('plain404'), 1);
    assert.equal(rate('expected404'), 0);
    assert.equal(rate('timeout'), 1);
    assert.equal(rate('refused'), 1);
    assert.equal(rate('redirect'), 0);
    assert.equal(rate('afterSet404'), 0);
    assert.equal(rate('afterSet200'), 1);
  });

  test('timing trends, data counters and the expected_response:true sub-metric are in the summary', async () => {
    const { summary } = await api();
    for (const m of [
      'http_req_duration',
      'http_req_blocked',
      'http_req_connecting',
      'http_req_tls_handshaking',
      'http_req_sending',
      'http_req_waiting',
      'http_req_receiving',
    ]) {
      assert.ok(summary.metrics[m], m);
      assert.ok(summary.metrics[m]!.max! >= 0, m);
    }
    assert.ok(summary.metrics['http_req_duration{expected_response:true}']!.avg! > 0);
    assert.ok(summary.metrics['http_req_connecting']!.max! > 0, 'the first request opened a connection');
    assert.ok(summary.metrics['http_req_duration{name:timeout}'] === undefined);
    assert.ok(count(summary, 'data_sent')! > 1000);
    assert.ok(count(summary, 'data_received')! > 1000);
  });

  /** Runs per-iteration.ts with `env`; returns the Cookie header of each /first and the connections opened. */
  async function perIteration(env: string[]): Promise<{ cookies: (string | undefined)[]; connections: number }> {
    server.seen.length = 0;
    const before = server.connections();
    const r = await runCli([...env.flatMap((e) => ['-e', e]), '-e', `BASE=${server.url}`, fixture('per-iteration.ts')]);
    expectCode(r, 0);
    const cookies = server.seen.filter((s) => s.url === '/first').map((s) => s.headers.cookie);
    return { cookies, connections: server.connections() - before };
  }

  test('the VU cookie jar starts empty each iteration unless noCookiesReset', async () => {
    assert.deepEqual((await perIteration([])).cookies, [undefined, undefined]);
    assert.deepEqual((await perIteration(['NO_COOKIES_RESET=true'])).cookies, [undefined, 'it=set']);
  });

  test('a VU keeps its connection across iterations unless noVUConnectionReuse', async () => {
    assert.equal((await perIteration([])).connections, 1);
    assert.equal((await perIteration(['NO_VU_CONNECTION_REUSE=true'])).connections, 2);
  });

  test("HTTP calls in the init context fail with k6's errors (exit 107)", async () => {
    const expected: Record<string, RegExp> = {
      get: /Making http requests in the init context is not supported/,
      asyncRequest: /Making http requests in the init context is not supported/,
      batch: /Using batch in the init context is not supported/,
      cookieJar: /Making cookie jars in the init context is not supported/,
    };
    for (const [call, message] of Object.entries(expected)) {
      const r = await runCli(['-e', `BASE=${server.url}`, '-e', `CALL=${call}`, fixture('init-request.ts')]);
      expectCode(r, 107);
      assert.match(r.stderr, message, call);
    }
    assert.equal(server.seen.filter((s) => s.url === '/').length, 0, 'no request reached the server');
  });

  test('gracefulStop interrupts a request that would outlive the scenario', async () => {
    const started = performance.now();
    const r = await runWithExport(['-e', `BASE=${server.url}`, fixture('interrupted.ts')], { timeoutMs: 30_000 });
    expectCode(r, 0);
    assert.ok(performance.now() - started < 20_000, 'the run did not wait for the 60 s request timeout');
    assert.equal(count(r.summary, 'iterations'), undefined, 'no iteration completed');
    assert.equal(count(r.summary, 'http_reqs'), undefined, 'an interrupted request is not recorded (as in k6)');
    assert.doesNotMatch(r.stderr, /Request Failed/);
  });

  test('requests that never get an answer end at their timeout; the run ends', async () => {
    const r = await runWithExport(['-e', `BASE=${server.url}`, fixture('blocking.ts')], { timeoutMs: 30_000 });
    expectCode(r, 0);
    assert.equal(count(r.summary, 'iterations'), 6);
    assert.equal(count(r.summary, 'http_reqs'), 6);
    assert.equal(r.summary.metrics['http_req_failed']!.passes, 6);
  });
});
