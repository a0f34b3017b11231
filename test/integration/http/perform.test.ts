/** performRequest and the VU's connections against a real local HTTP server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Cancellation } from '../../../runtime/modules/k6/http/cancellation.ts';
import { Connections } from '../../../runtime/modules/k6/http/connections.ts';
import { IterationInterruptedError } from '../../../runtime/modules/k6/http/error-codes.ts';
import { cookiesFor, emptyJar } from '../../../runtime/modules/k6/http/cookie-jar.ts';
import { performRequest } from '../../../runtime/modules/k6/http/perform.ts';
import type { RequestSpec } from '../../../runtime/modules/k6/http/types.ts';
import { closedPort, startTestServer, type TestServer } from './server.ts';

const spec = (url: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  method: 'GET',
  url,
  headers: {},
  body: null,
  timeoutMs: 5000,
  maxRedirects: 10,
  responseType: 'text',
  cookies: {},
  jar: emptyJar(),
  ...extra,
});

describe('performRequest', () => {
  let server: TestServer;
  let conns: Connections;
  before(async () => {
    server = await startTestServer();
    conns = new Connections({ insecureSkipTLSVerify: false, noConnectionReuse: false });
  });
  after(async () => {
    await conns.closeAll();
    await server.close();
  });

  it('returns status, headers, body and the phases of the exchange', async () => {
    const r = await performRequest(conns, spec(`${server.url}/hello?x=1`, { method: 'POST', body: 'payload', headers: { 'X-A': 'b' } }));
    assert.equal(r.hops.length, 1);
    const hop = r.hops[0]!;
    assert.equal(hop.status, 200);
    assert.equal(hop.statusText, 'OK');
    assert.equal(hop.proto, 'HTTP/1.1');
    assert.ok(hop.headers.some(([k, v]) => k.toLowerCase() === 'x-echo' && v === 'yes'));
    const echo = JSON.parse(r.body as string);
    assert.equal(echo.method, 'POST');
    assert.equal(echo.url, '/hello?x=1');
    assert.equal(echo.body, 'payload');
    assert.equal(echo.headers['x-a'], 'b');
    assert.equal(hop.remoteIp, '127.0.0.1');
    assert.equal(hop.remotePort, Number(new URL(server.url).port));
    assert.ok(hop.bytesSent > 'payload'.length && hop.bytesReceived > (r.body as string).length);
    const t = hop.timings;
    for (const v of Object.values(t)) assert.ok(v >= 0);
    assert.ok(Math.abs(t.duration - (t.sending + t.waiting + t.receiving)) < 1e-9);
  });

  it('keeps the connection alive between requests, and opens one per request with noConnectionReuse', async () => {
    const before = server.connections();
    const a = await performRequest(conns, spec(`${server.url}/a`));
    const b = await performRequest(conns, spec(`${server.url}/b`));
    assert.ok(server.connections() - before <= 1);
    assert.equal(b.hops[0]!.timings.connecting, 0, 'a reused connection has no connect phase');
    assert.ok(a.hops[0]!.status === 200 && b.hops[0]!.status === 200);

    const fresh = new Connections({ insecureSkipTLSVerify: false, noConnectionReuse: true });
    const start = server.connections();
    for (let i = 0; i < 3; i++) await performRequest(fresh, spec(`${server.url}/c`));
    await fresh.closeAll();
    assert.equal(server.connections() - start, 3);
  });

  it('the first request on a new connection has a connect phase', async () => {
    const fresh = new Connections({ insecureSkipTLSVerify: false, noConnectionReuse: false });
    const r = await performRequest(fresh, spec(`${server.url}/first`));
    await fresh.closeAll();
    assert.ok(r.hops[0]!.timings.connecting > 0);
  });

  it('follows redirects, one hop each, storing cookies on the way', async () => {
    const jar = emptyJar();
    const r = await performRequest(conns, spec(`${server.url}/redirect/3`, { jar }));
    assert.deepEqual(
      r.hops.map((h) => h.status),
      [302, 302, 302, 200],
    );
    assert.equal(r.hops[3]!.url, `${server.url}/redirect/0`);
    assert.equal(r.redirectLimitHit, false);
    assert.deepEqual(
      cookiesFor(jar, new URL(server.url))
        .map((c) => c.name)
        .sort(),
      ['hop1', 'hop2', 'hop3'],
    );
    assert.match(JSON.parse(r.body as string).headers.cookie, /hop3=yes/);
  });

  it('stops at maxRedirects and returns the redirect; redirects: 0 follows none', async () => {
    const limited = await performRequest(conns, spec(`${server.url}/redirect/5`, { maxRedirects: 2 }));
    assert.deepEqual(
      limited.hops.map((h) => h.status),
      [302, 302, 302],
    );
    assert.equal(limited.redirectLimitHit, true);
    const none = await performRequest(conns, spec(`${server.url}/redirect/1`, { maxRedirects: 0 }));
    assert.deepEqual(
      none.hops.map((h) => h.status),
      [302],
    );
    assert.equal(none.redirectLimitHit, false);
  });

  it('a request that never gets an answer ends at its timeout with error code 1050', async () => {
    const started = performance.now();
    const r = await performRequest(conns, spec(`${server.url}/never`, { timeoutMs: 300 }));
    const took = performance.now() - started;
    assert.ok(took >= 290, `ended after ${took} ms`);
    const hop = r.hops[0]!;
    assert.equal(hop.status, 0);
    assert.equal(hop.errorCode, 1050);
    assert.equal(hop.error, 'request timeout');
    assert.equal(r.body, null);
    // the next request works on a new connection
    assert.equal((await performRequest(conns, spec(`${server.url}/after`))).hops[0]!.status, 200);
  });

  it('an interrupted VU ends its request at once', async () => {
    const cancel = new Cancellation();
    setTimeout(() => cancel.cancel(new IterationInterruptedError()), 50);
    const r = await performRequest(conns, spec(`${server.url}/never`, { timeoutMs: 60_000 }), cancel);
    assert.equal(r.hops[0]!.status, 0);
    assert.equal(r.hops[0]!.error, 'context canceled');
    assert.equal(r.interrupted, true);
  });

  it('connection refused: error code 1212', async () => {
    const port = await closedPort();
    const r = await performRequest(conns, spec(`http://127.0.0.1:${port}/`));
    assert.equal(r.hops[0]!.errorCode, 1212);
    assert.equal(r.hops[0]!.error, `dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  it('a host that does not resolve: a DNS error code (11xx)', async () => {
    const r = await performRequest(conns, spec('http://no-such-host.invalid/', { timeoutMs: 10_000 }));
    const { errorCode, error } = r.hops[0]!;
    assert.ok(errorCode === 1101 || errorCode === 1100, `${errorCode} ${error}`);
    assert.match(error, /^lookup no-such-host\.invalid: /);
  });

  it('responseType binary gives an ArrayBuffer; none keeps no body', async () => {
    const bin = await performRequest(conns, spec(`${server.url}/bytes/5`, { responseType: 'binary' }));
    assert.ok(bin.body instanceof ArrayBuffer);
    assert.deepEqual([...new Uint8Array(bin.body)], [7, 7, 7, 7, 7]);
    const none = await performRequest(conns, spec(`${server.url}/bytes/5`, { responseType: 'none' }));
    assert.equal(none.body, null);
    assert.ok(none.hops[0]!.bytesReceived >= 5);
  });

  it('decodes gzip bodies; a broken one is error 1701', async () => {
    assert.equal((await performRequest(conns, spec(`${server.url}/gzip`))).body, 'unzipped text');
    const broken = await performRequest(conns, spec(`${server.url}/gzip/broken`));
    assert.equal(broken.body, null);
    assert.equal(broken.hops[0]!.errorCode, 1701);
  });

  it('4xx responses carry error code 1000 + status and no error text', async () => {
    const r = await performRequest(conns, spec(`${server.url}/status/404`));
    assert.equal(r.hops[0]!.status, 404);
    assert.equal(r.hops[0]!.errorCode, 1404);
    assert.equal(r.hops[0]!.error, '');
  });

  it('the result is structured-clone friendly (classic mode sends it across threads)', async () => {
    const r = await performRequest(conns, spec(`${server.url}/bytes/3`, { responseType: 'binary' }));
    const copy = structuredClone(r);
    assert.deepEqual(copy.hops, r.hops);
    assert.deepEqual(new Uint8Array(copy.body as ArrayBuffer), new Uint8Array(r.body as ArrayBuffer));
  });
});
