import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cookieHeader,
  cookiesFor,
  deleteCookies,
  emptyJar,
  parseSetCookie,
  setCookie,
  storeSetCookie,
} from '../../../runtime/modules/k6/http/cookie-jar.ts';

const u = (s: string) => new URL(s);
const names = (jar: ReturnType<typeof emptyJar>, url: string) => cookiesFor(jar, u(url)).map((c) => `${c.name}=${c.value}`);

describe('cookie jar', () => {
  it('parses Set-Cookie with attributes', () => {
    assert.deepEqual(parseSetCookie('sid="abc"; Path=/app; Domain=.example.com; Max-Age=60; Secure; HttpOnly'), {
      name: 'sid',
      value: 'abc',
      attrs: { path: '/app', domain: '.example.com', max_age: 60, secure: true, http_only: true },
    });
    assert.equal(parseSetCookie('novalue'), undefined);
  });

  it('host-only cookies stay on their host; domain cookies reach subdomains', () => {
    const jar = emptyJar();
    storeSetCookie(jar, u('http://a.example.com/'), 'host=1');
    storeSetCookie(jar, u('http://a.example.com/'), 'dom=2; Domain=example.com');
    assert.deepEqual(names(jar, 'http://a.example.com/x'), ['host=1', 'dom=2']);
    assert.deepEqual(names(jar, 'http://b.example.com/x'), ['dom=2']);
    assert.deepEqual(names(jar, 'http://other.com/'), []);
  });

  it('ignores a Domain the host does not belong to', () => {
    const jar = emptyJar();
    storeSetCookie(jar, u('http://a.example.com/'), 'x=1; Domain=evil.com');
    assert.equal(jar.cookies.length, 0);
  });

  it('matches paths by prefix at a slash, longest path first', () => {
    const jar = emptyJar();
    storeSetCookie(jar, u('http://h/'), 'root=1; Path=/');
    storeSetCookie(jar, u('http://h/'), 'app=2; Path=/app');
    assert.deepEqual(names(jar, 'http://h/app/x'), ['app=2', 'root=1']);
    assert.deepEqual(names(jar, 'http://h/apple'), ['root=1']);
  });

  it('default path is the directory of the request path', () => {
    const jar = emptyJar();
    storeSetCookie(jar, u('http://h/a/b/page'), 'c=1');
    assert.equal(jar.cookies[0]!.path, '/a/b');
  });

  it('secure cookies go to https only; expired ones are dropped', () => {
    const jar = emptyJar();
    const now = 1_000_000;
    storeSetCookie(jar, u('https://h/'), 's=1; Secure', now);
    storeSetCookie(jar, u('http://h/'), 'old=1; Max-Age=10', now);
    assert.deepEqual(
      cookiesFor(jar, u('http://h/'), now).map((c) => c.name),
      ['old'],
    );
    assert.deepEqual(
      cookiesFor(jar, u('https://h/'), now + 20_000).map((c) => c.name),
      ['s'],
    );
  });

  it('a new value replaces the old one; Max-Age=0 deletes', () => {
    const jar = emptyJar();
    storeSetCookie(jar, u('http://h/'), 'a=1');
    storeSetCookie(jar, u('http://h/'), 'a=2');
    assert.deepEqual(names(jar, 'http://h/'), ['a=2']);
    storeSetCookie(jar, u('http://h/'), 'a=x; Max-Age=0');
    assert.deepEqual(names(jar, 'http://h/'), []);
  });

  it('deletes one cookie or all for a URL', () => {
    const jar = emptyJar();
    setCookie(jar, u('http://h/'), 'a', '1');
    setCookie(jar, u('http://h/'), 'b', '2');
    deleteCookies(jar, u('http://h/'), 'a');
    assert.deepEqual(names(jar, 'http://h/'), ['b=2']);
    deleteCookies(jar, u('http://h/'));
    assert.deepEqual(names(jar, 'http://h/'), []);
  });

  it('request cookies join the jar; replace wins over a jar cookie of the same name', () => {
    const jar = emptyJar();
    setCookie(jar, u('http://h/'), 'a', 'jar');
    assert.equal(
      cookieHeader(jar, u('http://h/'), { a: { value: 'req', replace: false }, b: { value: '2', replace: false } }),
      'a=jar; b=2',
    );
    assert.equal(cookieHeader(jar, u('http://h/'), { a: { value: 'req', replace: true } }), 'a=req');
    assert.equal(cookieHeader(null, u('http://h/'), {}), '');
  });
});
