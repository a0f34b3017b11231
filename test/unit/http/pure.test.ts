/** Small pure pieces of k6/http: header names, error codes, expected statuses, JSON selectors, URL templates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlTemplate } from '../../../runtime/modules/k6/http/args.ts';
import { classifyError, RequestTimeoutError, statusErrorCode } from '../../../runtime/modules/k6/http/error-codes.ts';
import { expectedStatuses, isExpectedStatus, toResponseCallback } from '../../../runtime/modules/k6/http/expected-statuses.ts';
import { canonicalHeaderKey, headerObject } from '../../../runtime/modules/k6/http/headers.ts';
import { selectPath } from '../../../runtime/modules/k6/http/response.ts';

describe('k6/http pure pieces', () => {
  it('canonical header keys like Go', () => {
    assert.equal(canonicalHeaderKey('content-type'), 'Content-Type');
    assert.equal(canonicalHeaderKey('X-REQUEST-ID'), 'X-Request-Id');
    assert.equal(canonicalHeaderKey('bad header'), 'bad header');
    assert.deepEqual(
      headerObject([
        ['set-cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['etag', 'x'],
      ]),
      { 'Set-Cookie': 'a=1, b=2', Etag: 'x' },
    );
  });

  it("k6's error codes for network errors", () => {
    const code = (c: string) => classifyError(Object.assign(new Error(c), { code: c }), '127.0.0.1:1').code;
    assert.equal(code('ECONNREFUSED'), 1212);
    assert.equal(code('UND_ERR_CONNECT_TIMEOUT'), 1211);
    assert.equal(code('ENOTFOUND'), 1101);
    assert.equal(code('EAI_AGAIN'), 1100);
    assert.equal(code('ECONNRESET'), 1220);
    assert.equal(code('EPIPE'), 1201);
    assert.equal(code('DEPTH_ZERO_SELF_SIGNED_CERT'), 1310);
    assert.equal(code('ERR_TLS_CERT_ALTNAME_INVALID'), 1311);
    assert.equal(code('SOMETHING_ELSE'), 1000);
    assert.deepEqual(classifyError(new RequestTimeoutError(), 'h:80'), { code: 1050, message: 'request timeout' });
    assert.equal(
      classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), '127.0.0.1:1').message,
      'dial tcp 127.0.0.1:1: connect: connection refused',
    );
  });

  it('4xx and 5xx statuses carry error code 1000 + status', () => {
    assert.equal(statusErrorCode(404), 1404);
    assert.equal(statusErrorCode(503), 1503);
    assert.equal(statusErrorCode(302), 0);
  });

  it('expectedStatuses: single statuses and ranges', () => {
    const cb = expectedStatuses(201, { min: 400, max: 404 });
    assert.ok(isExpectedStatus(cb, 201));
    assert.ok(isExpectedStatus(cb, 404));
    assert.ok(!isExpectedStatus(cb, 200));
    assert.throws(() => expectedStatuses('200'), /argument 1 must be an integer status or an object \{min, max\}/);
    assert.equal(toResponseCallback(null, 'x'), null);
    assert.throws(() => toResponseCallback(() => true, 'x'), /only the result of http.expectedStatuses\(\) or null/);
  });

  it('json selectors: dotted keys, array indexes, # for a length', () => {
    const v = { a: { b: [{ c: 1 }, { c: 2 }] } };
    assert.equal(selectPath(v, 'a.b.1.c'), 2);
    assert.equal(selectPath(v, 'a.b.#'), 2);
    assert.equal(selectPath(v, 'a.x.y'), undefined);
  });

  it('http.url`…` names the request by its template', () => {
    const id = 42;
    const u = urlTemplate`http://h/items/${id}?q=${'x'}`;
    assert.equal(u.url, 'http://h/items/42?q=x');
    assert.equal(u.name, 'http://h/items/${}?q=${}');
  });
});
