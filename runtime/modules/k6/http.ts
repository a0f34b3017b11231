/**
 * `k6/http` on undici: each VU has its own keep-alive connections (as in k6), and every hop of a
 * request (redirects included) emits k6's http_req_* metrics with k6's tags.
 *
 * In async mode (today's only mode) request functions return promises: scripts `await http.get()`,
 * which real k6 treats as a plain value. `asyncRequest` returns a promise in both engines.
 * Classic mode passes its own blocking `RequestRunner`; the functions then return responses.
 * Not implemented: `res.html()`, HTTP/2, digest/NTLM auth, `res.submitForm()`/`clickLink()`.
 */
import type { VU } from '../../vu/vu.ts';
import { urlTemplate } from './http/args.ts';
import { file } from './http/body.ts';
import { expectedStatuses, toResponseCallback } from './http/expected-statuses.ts';
import { httpOptions } from './http/http-options.ts';
import { AsyncRunner, type RequestRunner } from './http/runner.ts';
import { CookieJar } from './http/script-jar.ts';
import { VUHttp } from './http/vu-http.ts';

/** The VU's connections live until its worker ends (k6 keeps them across iterations); made at its first request. */
function asyncRunner(vu: VU): RequestRunner {
  return vu.shared.get(
    `k6/http:connections:${vu.idInTest}:${vu.id}`,
    () => {
      const o = httpOptions(vu);
      return new AsyncRunner({ insecureSkipTLSVerify: o.insecureSkipTLSVerify, noConnectionReuse: o.noConnectionReuse }, () => vu.signal);
    },
    (runner) => runner.close(),
  );
}

/** `makeRunner` lets classic mode carry out requests with its blocking runner. */
export default function createHttpModule(vu: VU, makeRunner: () => RequestRunner = () => asyncRunner(vu)): Record<string, unknown> {
  const http = new VUHttp(vu, makeRunner);
  const withBody = (method: string) => (url: unknown, body?: unknown, params?: unknown) => http.request(method, url, body ?? null, params);
  const withoutBody = (method: string) => (url: unknown, params?: unknown) => http.request(method, url, null, params);
  const exports: Record<string, unknown> = {
    request: (method: unknown, url: unknown, body?: unknown, params?: unknown) => http.request(method, url, body ?? null, params),
    asyncRequest: (method: unknown, url: unknown, body?: unknown, params?: unknown) => http.asyncRequest(method, url, body ?? null, params),
    get: withoutBody('GET'),
    head: withoutBody('HEAD'),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    del: withBody('DELETE'),
    options: withBody('OPTIONS'),
    batch: (requests: unknown) => http.batch(requests as never),
    file,
    cookieJar: () => http.cookieJar(),
    CookieJar,
    expectedStatuses,
    setResponseCallback: (cb: unknown) => http.setResponseCallback(toResponseCallback(cb, 'http.setResponseCallback()')),
    url: urlTemplate,
    TLS_1_0: 'tls1.0',
    TLS_1_1: 'tls1.1',
    TLS_1_2: 'tls1.2',
    TLS_1_3: 'tls1.3',
  };
  exports.default = exports;
  return exports;
}
