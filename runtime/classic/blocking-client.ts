/**
 * The VU side of classic mode: a call posts a request on the VU's port and blocks the thread
 * until the reply is there (receiveMessageOnPort reads it without the event loop). sleep() blocks
 * the same way. An interrupt (gracefulStop, ramp-down) wakes either with IterationInterrupted.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { CallRequest, IoReply, IoRequest } from './io-protocol.ts';
import { interruptRaised, waitForWake, wakeCount } from './wake-cells.ts';

export class IterationInterrupted extends Error {
  constructor() {
    super('the iteration was interrupted');
    this.name = 'IterationInterrupted';
  }
}

export class BlockingClient {
  private nextId = 1;
  /** called before IterationInterrupted is thrown, so the VU records the iteration as interrupted */
  onInterrupt: (() => void) | undefined;

  constructor(
    private readonly port: MessagePort,
    private readonly cells: Int32Array,
  ) {}

  request(req: Omit<CallRequest, 'id'>, what: string): IoReply {
    this.stopIfInterrupted();
    const id = this.nextId++;
    let seen = wakeCount(this.cells);
    try {
      this.post({ ...req, id });
    } catch (err) {
      // e.g. a balancer function in a Writer config: functions cannot reach the I/O thread
      throw new Error(
        `${what}: its arguments cannot be passed to the I/O thread in classic mode (${(err as Error).message}); use plain data (no functions)`,
      );
    }
    for (;;) {
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const reply = m.message as IoReply;
        // replies of calls cancelled by an earlier interrupt arrive late: drop them
        if (reply.id === id) return reply;
      }
      if (interruptRaised(this.cells)) {
        this.post({ op: 'cancel', id });
        this.interrupt();
      }
      waitForWake(this.cells, seen);
      seen = wakeCount(this.cells);
    }
  }

  /** k6's sleep(): blocks the thread; an interrupt ends it early and stops the iteration. */
  sleep(ms: number): void {
    this.stopIfInterrupted();
    const end = performance.now() + ms;
    let seen = wakeCount(this.cells);
    for (;;) {
      const left = end - performance.now();
      if (left <= 0) return;
      waitForWake(this.cells, seen, left);
      seen = wakeCount(this.cells);
      this.stopIfInterrupted();
    }
  }

  close(): void {
    this.post({ op: 'close' });
    this.port.close();
  }

  private post(m: IoRequest): void {
    this.port.postMessage(m);
  }

  private stopIfInterrupted(): void {
    if (interruptRaised(this.cells)) this.interrupt();
  }

  private interrupt(): never {
    this.onInterrupt?.();
    throw new IterationInterrupted();
  }
}
