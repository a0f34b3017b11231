/**
 * The main thread's handle on the I/O threads: starts them, attaches VUs to them, shuts them down.
 * One I/O thread runs every call of the VUs it serves, so a single one is the ceiling of a classic
 * run (its Kafka work, request and reply copies); several share the VUs as async mode's workers do.
 * Every attach reaches the first thread, which keeps or forwards it (ioThreadOf).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { BlockingClient } from './blocking-client.ts';
import type { IoThreadData, ToIoThread, VUIdentity } from './io-protocol.ts';
import { wakeCells } from './wake-cells.ts';

export class IoLink {
  private constructor(private readonly workers: readonly Worker[]) {}

  static async start(modules: readonly string[], verbose: boolean, threads = 1): Promise<IoLink> {
    const workers = await Promise.all(
      Array.from({ length: Math.max(1, threads) }, (_, i) => startThread({ modules, verbose, first: i === 0 })),
    );
    for (const peer of workers.slice(1)) {
      const { port1, port2 } = new MessageChannel();
      send(peer, { type: 'connector', port: port2 }, [port2]);
      send(workers[0]!, { type: 'peer', port: port1 }, [port1]);
    }
    return new IoLink(workers);
  }

  /** A blocking client for a VU of this thread (the options pass, setup, teardown, handleSummary). */
  attach(vu: VUIdentity): BlockingClient {
    const { port1, port2 } = new MessageChannel();
    const cells = wakeCells();
    send(this.workers[0]!, { type: 'attach', port: port2, cells, vu }, [port2]);
    return new BlockingClient(port1, cells);
  }

  /** A port over which another thread (a scheduler worker) attaches its VUs. */
  connector(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    send(this.workers[0]!, { type: 'connector', port: port2 }, [port2]);
    return port1;
  }

  /** Closes what the VUs left open and the shared clients, then ends the threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => closeThread(w)));
  }
}

/** The I/O thread (of `threads`) that serves a VU: the test's VU 1 and the main thread's VU 0 share the first. */
export function ioThreadOf(vu: VUIdentity, threads: number): number {
  return Math.max(0, vu.idInTest - 1) % threads;
}

async function startThread(data: IoThreadData): Promise<Worker> {
  const worker = new Worker(new URL('./thread-bootstrap.mjs', import.meta.url), {
    argv: [fileURLToPath(new URL('./io-thread.ts', import.meta.url))],
    workerData: data,
    stdout: false,
    stderr: false,
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  // a run that ends early (a config error, a throw in init) need not close it
  worker.unref();
  return worker;
}

async function closeThread(worker: Worker): Promise<void> {
  worker.ref();
  const closed = new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.once('exit', () => resolve());
  });
  send(worker, { type: 'shutdown' });
  await closed;
  await worker.terminate();
}

function send(worker: Worker, m: ToIoThread, transfer: MessagePort[] = []): void {
  worker.postMessage(m, transfer);
}
