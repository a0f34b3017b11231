/**
 * `k6/http` on the I/O thread: every classic VU gets its own `Runner` (its own keep-alive
 * connections, as k6 keeps them per VU), closed when the VU detaches. The VU sends plain
 * RequestSpecs and blocks until the plain RequestResults are back.
 */
import type { ConnectionOptions } from '../modules/k6/http/connections.ts';
import { AsyncRunner } from '../modules/k6/http/runner.ts';
import type { VUContext } from '../vu-context/context.ts';

export default function httpOnIoThread(vu: VUContext): Record<string, unknown> {
  class Runner extends AsyncRunner {
    constructor(options: ConnectionOptions) {
      // the VU's signal is that of its call in progress: aborted when the VU is interrupted
      super(options, () => vu.signal);
    }
  }
  return { Runner };
}
