/**
 * The `k6/http` exports over a `RequestRunner`: async mode passes its promise runner (http.ts),
 * classic mode a blocking one. Apart from http.ts so that classic VU threads load it without
 * undici (the connections live on the I/O thread there).
 */
import type { CoreModuleVU } from '../../../vu-context/core-module-vu.ts';
import { urlTemplate } from './args.ts';
import { file } from './body.ts';
import { expectedStatuses, toResponseCallback } from './expected-statuses.ts';
import type { RequestRunner } from './runner.ts';
import { CookieJar } from './script-jar.ts';
import { VUHttp } from './vu-http.ts';

/** `makeRunner` is called at the VU's first request. */
export function httpExports(vu: CoreModuleVU, makeRunner: () => RequestRunner): Record<string, unknown> {
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
