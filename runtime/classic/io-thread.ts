/** One of the process's I/O threads in classic mode: serves the VUs that attach, until shutdown. */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { buildsEveryWriter } from '../modules/k6/x/kafka/balancer-warning.ts';
import { createLogger } from '../vu/logger.ts';
import { SharedResourcePool } from '../vu/shared-resources.ts';
import { ioThreadOf } from './io-link.ts';
import type { IoThreadData, ToIoThread } from './io-protocol.ts';
import { IoServer, type ModuleFactory } from './io-server.ts';

/** The async implementations classic calls are proxied to, loaded only if the script imports them. */
const implementations: Record<string, () => Promise<{ default: ModuleFactory }>> = {
  'k6/x/kafka': () => import('../modules/k6/x/kafka.ts'),
  'k6/http': () => import('./http-io.ts'),
};

const { modules: wanted, verbose, first } = workerData as IoThreadData;
// the first thread serves VU 1 and the options pass; the others stay quiet as async workers do
if (first) buildsEveryWriter();
const modules: Record<string, ModuleFactory> = {};
for (const name of wanted) if (implementations[name]) modules[name] = (await implementations[name]()).default;

const server = new IoServer(modules, new SharedResourcePool(), createLogger({ verbose }));
process.on('unhandledRejection', (err) =>
  createLogger({ verbose }).error(`I/O thread: ${err instanceof Error ? err.message : String(err)}`),
);
/** the other I/O threads (first thread only) */
const peers: MessagePort[] = [];

function listen(port: MessagePort | typeof parentPort): void {
  port!.on('message', async (m: ToIoThread) => {
    if (m.type === 'attach') {
      const thread = ioThreadOf(m.vu, peers.length + 1);
      if (thread === 0) server.attach(m.port, m.cells, m.vu);
      else peers[thread - 1]!.postMessage(m, [m.port]);
    } else if (m.type === 'connector') listen(m.port);
    else if (m.type === 'peer') peers.push(m.port);
    else {
      await server.close();
      for (const peer of peers) peer.close();
      parentPort!.postMessage({ type: 'closed' });
      parentPort!.close();
    }
  });
}
listen(parentPort);
parentPort!.postMessage({ type: 'ready' });
