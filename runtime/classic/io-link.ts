/** The main thread's handle on the I/O thread: starts it, attaches VUs to it, shuts it down. */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { BlockingClient } from './blocking-client.ts';
import type { ToIoThread, VUIdentity } from './io-protocol.ts';
import { wakeCells } from './wake-cells.ts';

export class IoLink {
  private constructor(private readonly worker: Worker) {}

  static async start(modules: readonly string[], verbose: boolean): Promise<IoLink> {
    const worker = new Worker(new URL('./thread-bootstrap.mjs', import.meta.url), {
      argv: [fileURLToPath(new URL('./io-thread.ts', import.meta.url))],
      workerData: { modules, verbose },
      stdout: false,
      stderr: false,
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    // a run that ends early (a config error, a throw in init) need not close it
    worker.unref();
    return new IoLink(worker);
  }

  /** A blocking client for a VU of this thread (the options pass, setup, teardown, handleSummary). */
  attach(vu: VUIdentity): BlockingClient {
    const { port1, port2 } = new MessageChannel();
    const cells = wakeCells();
    this.send({ type: 'attach', port: port2, cells, vu }, [port2]);
    return new BlockingClient(port1, cells);
  }

  /** A port over which another thread (a scheduler worker) attaches its VUs. */
  connector(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.send({ type: 'connector', port: port2 }, [port2]);
    return port1;
  }

  /** Closes what the VUs left open and the shared clients, then ends the thread. */
  async close(): Promise<void> {
    this.worker.ref();
    const closed = new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    this.send({ type: 'shutdown' });
    await closed;
    await this.worker.terminate();
  }

  private send(m: ToIoThread, transfer: MessagePort[] = []): void {
    this.worker.postMessage(m, transfer);
  }
}
