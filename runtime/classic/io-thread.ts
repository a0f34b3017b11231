/** The process's one I/O thread in classic mode: serves the VUs that attach, until shutdown. */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { buildsEveryWriter } from '../modules/k6/x/kafka/balancer-warning.ts';
import { createLogger } from '../vu/logger.ts';
import { SharedResourcePool } from '../vu/shared-resources.ts';
import type { ToIoThread } from './io-protocol.ts';
import { IoServer, type ModuleFactory } from './io-server.ts';

/** The async implementations classic calls are proxied to, loaded only if the script imports them. */
const implementations: Record<string, () => Promise<{ default: ModuleFactory }>> = {
  'k6/x/kafka': () => import('../modules/k6/x/kafka.ts'),
  'k6/http': () => import('./http-io.ts'),
};

const { modules: wanted, verbose } = workerData as { modules: string[]; verbose: boolean };
buildsEveryWriter();
const modules: Record<string, ModuleFactory> = {};
for (const name of wanted) if (implementations[name]) modules[name] = (await implementations[name]()).default;

const server = new IoServer(modules, new SharedResourcePool(), createLogger({ verbose }));
process.on('unhandledRejection', (err) =>
  createLogger({ verbose }).error(`I/O thread: ${err instanceof Error ? err.message : String(err)}`),
);

function listen(port: MessagePort | typeof parentPort): void {
  port!.on('message', async (m: ToIoThread) => {
    if (m.type === 'attach') server.attach(m.port, m.cells, m.vu);
    else if (m.type === 'connector') listen(m.port);
    else {
      await server.close();
      parentPort!.postMessage({ type: 'closed' });
      parentPort!.close();
    }
  });
}
listen(parentPort);
parentPort!.postMessage({ type: 'ready' });
