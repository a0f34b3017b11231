/**
 * `k6/http` on undici: each VU has its own keep-alive connections (as in k6), and every hop of a
 * request (redirects included) emits k6's http_req_* metrics with k6's tags.
 *
 * In async mode request functions return promises: scripts `await http.get()`, which real k6
 * treats as a plain value. `asyncRequest` returns a promise in both engines. Classic mode builds
 * the same exports (http/exports.ts) over a blocking runner; the functions then return responses.
 * Not implemented: `res.html()`, HTTP/2, digest/NTLM auth, `res.submitForm()`/`clickLink()`.
 */
import type { CoreModuleVU } from '../../vu-context/core-module-vu.ts';
import { httpExports } from './http/exports.ts';
import { httpOptions } from './http/http-options.ts';
import { AsyncRunner, type RequestRunner } from './http/runner.ts';

/** The VU's connections live until its worker ends (k6 keeps them across iterations); made at its first request. */
function asyncRunner(vu: CoreModuleVU): RequestRunner {
  return vu.shared.get(
    `k6/http:connections:${vu.idInTest}:${vu.id}`,
    () => {
      const o = httpOptions(vu);
      return new AsyncRunner({ insecureSkipTLSVerify: o.insecureSkipTLSVerify, noConnectionReuse: o.noConnectionReuse }, () => vu.signal);
    },
    (runner) => runner.close(),
  );
}

/** `makeRunner` lets another runner carry out the requests. */
export default function createHttpModule(
  vu: CoreModuleVU,
  makeRunner: () => RequestRunner = () => asyncRunner(vu),
): Record<string, unknown> {
  return httpExports(vu, makeRunner);
}
