import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyJar } from '../../../runtime/modules/k6/http/cookie-jar.ts';
import { Response, selectPath } from '../../../runtime/modules/k6/http/response.ts';
import type { Hop, RequestResult, RequestSpec } from '../../../runtime/modules/k6/http/types.ts';

const spec: RequestSpec = {
  method: 'POST',
  url: 'http://h/a',
  headers: { 'x-id': '1', cookie: 'a=1; b=2' },
  body: 'payload',
  timeoutMs: 1000,
  maxRedirects: 10,
  responseType: 'text',
  cookies: {},
  jar: emptyJar(),
};
const timings = { blocked: 1, connecting: 2, tls_handshaking: 0, sending: 3, waiting: 4, receiving: 5, duration: 12 };
const hop: Hop = {
  method: 'POST',
  url: 'http://h/b',
  status: 201,
  statusText: 'Created',
  proto: 'HTTP/1.1',
  headers: [
    ['content-type', 'application/json'],
    ['set-cookie', 'sid=x; Path=/; HttpOnly; Max-Age=60'],
  ],
  requestHeaders: spec.headers,
  timings,
  bytesSent: 10,
  bytesReceived: 20,
  remoteIp: '127.0.0.1',
  remotePort: 8080,
  tlsVersion: '',
  error: '',
  errorCode: 0,
  responded: true,
};
const result: RequestResult = { hops: [hop], body: '{"a":{"b":[5]}}', jar: null, redirectLimitHit: false, interrupted: false };

describe('Response', () => {
  it("has k6's fields, taken from the last hop", () => {
    const r = new Response(spec, result);
    assert.equal(r.status, 201);
    assert.equal(r.status_text, '201 Created');
    assert.equal(r.url, 'http://h/b');
    assert.deepEqual(r.headers, { 'Content-Type': 'application/json', 'Set-Cookie': 'sid=x; Path=/; HttpOnly; Max-Age=60' });
    assert.deepEqual(r.cookies.sid, [
      { name: 'sid', value: 'x', domain: '', path: '/', http_only: true, secure: false, max_age: 60, expires: 0 },
    ]);
    assert.deepEqual(r.timings, timings);
    assert.deepEqual([r.remote_ip, r.remote_port, r.proto], ['127.0.0.1', 8080, 'HTTP/1.1']);
    assert.equal(r.json('a.b.0'), 5);
    assert.deepEqual(r.request, {
      method: 'POST',
      url: 'http://h/b',
      body: 'payload',
      headers: { 'X-Id': ['1'], Cookie: ['a=1; b=2'] },
      cookies: { a: [{ name: 'a', value: '1', replace: false }], b: [{ name: 'b', value: '2', replace: false }] },
    });
  });

  it('JSON.stringify shows the lazily built fields too', () => {
    const json = JSON.parse(JSON.stringify(new Response(spec, result)));
    assert.equal(json.headers['Content-Type'], 'application/json');
    assert.equal(json.request.method, 'POST');
    assert.equal(json.status, 201);
  });

  it('a failed request: status 0, the error, and json() explains the null body', () => {
    const r = new Response(spec, undefined, { error: 'parse "x": invalid URL', code: 1020 });
    assert.deepEqual([r.status, r.error, r.error_code, r.body], [0, 'parse "x": invalid URL', 1020, null]);
    assert.throws(() => r.json(), /the body is null/);
    assert.throws(() => r.html(), /not supported/);
  });
});

describe('Response.json() selectors', () => {
  it('json selectors: dotted keys, array indexes, # for a length', () => {
    const v = { a: { b: [{ c: 1 }, { c: 2 }] } };
    assert.equal(selectPath(v, 'a.b.1.c'), 2);
    assert.equal(selectPath(v, 'a.b.#'), 2);
    assert.equal(selectPath(v, 'a.x.y'), undefined);
  });
});
