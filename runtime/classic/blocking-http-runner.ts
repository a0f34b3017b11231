/**
 * k6/http's RequestRunner for a classic VU: the VU's connections live on the I/O thread
 * (http-io.ts) and every request blocks the VU until its results are back, so `http.get()`
 * returns a Response as in k6. Timeouts end on the I/O thread (the result carries error 1050);
 * an interrupt wakes the blocked VU through the BlockingClient.
 */
import { httpOptions } from '../modules/k6/http/http-options.ts';
import type { RequestRunner } from '../modules/k6/http/runner.ts';
import type { RequestResult, RequestSpec } from '../modules/k6/http/types.ts';
import type { CoreModuleVU } from '../vu-context/core-module-vu.ts';
import { type RemoteCalls, remoteClass } from './remote-object.ts';

type RemoteRunner = Record<'run' | 'runMany' | 'resetConnections', (...args: unknown[]) => unknown>;

/** Made at the VU's first request (the options are known by then). */
export function blockingHttpRunner(calls: RemoteCalls, vu: CoreModuleVU): RequestRunner {
  const { insecureSkipTLSVerify, noConnectionReuse } = httpOptions(vu);
  const Runner = remoteClass(calls, 'Runner');
  const remote = new Runner({ insecureSkipTLSVerify, noConnectionReuse }) as RemoteRunner;
  const run = (spec: RequestSpec) => remote.run(spec) as RequestResult;
  return {
    run,
    runMany: (specs, limits) => remote.runMany(specs, limits) as RequestResult[],
    // k6's promise API: the request blocks like the others, then its promise is already resolved
    runAsync: (spec) => Promise.resolve(run(spec)),
    resetConnections: () => void remote.resetConnections(),
    // the I/O thread closes the VU's connections when the VU detaches
    close: () => Promise.resolve(),
  };
}
