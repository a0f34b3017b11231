import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpURL, prepareRequest, type RequestDefaults, urlTemplate } from '../../../runtime/modules/k6/http/args.ts';
import { emptyJar } from '../../../runtime/modules/k6/http/cookie-jar.ts';
import { DEFAULT_RESPONSE_CALLBACK, expectedStatuses } from '../../../runtime/modules/k6/http/expected-statuses.ts';
import { CookieJar } from '../../../runtime/modules/k6/http/script-jar.ts';

const defaults = (): RequestDefaults => ({
  userAgent: 'ua/1',
  maxRedirects: 10,
  responseType: 'text',
  callback: DEFAULT_RESPONSE_CALLBACK,
  jar: emptyJar(),
});

describe('request arguments', () => {
  it("k6's defaults: 60 s timeout, 10 redirects, text bodies, the VU's jar and callback, a User-Agent", () => {
    const d = defaults();
    const p = prepareRequest('get', 'http://h/x', null, undefined, d);
    assert.equal(p.spec.method, 'GET');
    assert.equal(p.spec.timeoutMs, 60_000);
    assert.equal(p.spec.maxRedirects, 10);
    assert.equal(p.spec.responseType, 'text');
    assert.equal(p.spec.jar, d.jar);
    assert.equal(p.callback, DEFAULT_RESPONSE_CALLBACK);
    assert.deepEqual(p.spec.headers, { 'User-Agent': 'ua/1' });
    assert.equal(p.name, undefined);
  });

  it('params override the defaults', () => {
    const jar = new CookieJar();
    const cb = expectedStatuses(201);
    const p = prepareRequest(
      'POST',
      'http://h/',
      { a: 1 },
      {
        headers: { 'user-agent': 'mine', 'Content-Type': 'text/plain' },
        tags: { name: 'n', team: 7 },
        timeout: '1.5s',
        redirects: 0,
        responseType: 'binary',
        responseCallback: cb,
        cookies: { a: '1', b: { value: '2', replace: true } },
        jar,
      },
      defaults(),
    );
    assert.deepEqual(p.spec.headers, { 'user-agent': 'mine', 'Content-Type': 'text/plain' });
    assert.deepEqual(p.tags, { name: 'n', team: '7' });
    assert.equal(p.name, 'n');
    assert.equal(p.spec.timeoutMs, 1500);
    assert.equal(p.spec.maxRedirects, 0);
    assert.equal(p.spec.responseType, 'binary');
    assert.equal(p.callback, cb);
    assert.deepEqual(p.spec.cookies, { a: { value: '1', replace: false }, b: { value: '2', replace: true } });
    assert.equal(p.spec.jar, jar.data);
    assert.equal(p.spec.body, 'a=1');
  });

  it('responseCallback: null turns http_req_failed off for the request', () => {
    assert.equal(prepareRequest('GET', 'http://h/', null, { responseCallback: null }, defaults()).callback, null);
  });

  it('an http.url name is the default name tag; tags.name wins', () => {
    const u = new HttpURL('http://h/1', 'http://h/${}');
    assert.equal(prepareRequest('GET', u, null, undefined, defaults()).name, 'http://h/${}');
    assert.equal(prepareRequest('GET', u, null, { tags: { name: 'x' } }, defaults()).name, 'x');
  });

  it('an invalid URL is a failed request with error code 1020, not an exception', () => {
    assert.deepEqual(prepareRequest('GET', 'not a url', null, undefined, defaults()).invalid, {
      error: 'parse "not a url": invalid URL',
      code: 1020,
    });
    assert.equal(prepareRequest('GET', 'ftp://h/', null, undefined, defaults()).invalid?.code, 1020);
  });

  it('bad params name the param', () => {
    const d = defaults();
    assert.throws(
      () => prepareRequest('GET', 'http://h/', null, { responseType: 'json' }, d),
      /params.responseType: "json" is not one of text, binary, none/,
    );
    assert.throws(() => prepareRequest('GET', 'http://h/', null, { redirects: -1 }, d), /params.redirects/);
    assert.throws(() => prepareRequest('GET', 'http://h/', null, { timeout: 'soon' }, d), /params.timeout/);
    assert.throws(() => prepareRequest('GET', 'http://h/', null, { headers: { a: {} } }, d), /params.headers: the value of "a"/);
    assert.throws(() => prepareRequest('GET', 'http://h/', null, { jar: {} }, d), /params.jar must be a cookie jar/);
  });
});

describe('http.url', () => {
  it('http.url`…` names the request by its template', () => {
    const id = 42;
    const u = urlTemplate`http://h/items/${id}?q=${'x'}`;
    assert.equal(u.url, 'http://h/items/42?q=x');
    assert.equal(u.name, 'http://h/items/${}?q=${}');
  });
});
