/** The blocking bridge's pieces with a fake module, all on one thread (replies are posted before the VU waits). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { BlockingClient, IterationInterrupted } from '../../../runtime/classic/blocking-client.ts';
import type { CallRequest, IoReply } from '../../../runtime/classic/io-protocol.ts';
import { compactBytes, IoServer } from '../../../runtime/classic/io-server.ts';
import { rebuildError, serializeError } from '../../../runtime/classic/remote-object.ts';
import { raiseInterrupt, wakeCells, wakeCount } from '../../../runtime/classic/wake-cells.ts';
import { StreamprobeError } from '../../../runtime/errors.ts';
import type { VUContext } from '../../../runtime/vu-context/context.ts';
import { createLogger } from '../../../runtime/vu/logger.ts';
import { SharedResourcePool } from '../../../runtime/vu/shared-resources.ts';

const call: Omit<CallRequest, 'id'> = { op: 'call', module: 'm', target: 1, method: 'get', args: [], phase: 'iteration', tags: {} };

describe('BlockingClient', () => {
  it('returns the reply with its own id and drops stale replies of cancelled calls', () => {
    const { port1, port2 } = new MessageChannel();
    const cells = wakeCells();
    port2.postMessage({ id: 99, ok: true, value: 'stale', samples: [] });
    port2.postMessage({ id: 1, ok: true, value: 'mine', samples: [] });
    const reply = new BlockingClient(port1, cells).request(call, 'm.get()');
    assert.equal(reply.value, 'mine');
    port1.close();
  });

  it('an interrupt stops the call: the VU is told, the I/O thread gets a cancel, IterationInterrupted is thrown', () => {
    const { port1, port2 } = new MessageChannel();
    const cells = wakeCells();
    const client = new BlockingClient(port1, cells);
    let told = 0;
    client.onInterrupt = () => told++;
    raiseInterrupt(cells);
    assert.throws(() => client.request(call, 'm.get()'), IterationInterrupted);
    assert.throws(() => client.sleep(10_000), IterationInterrupted);
    assert.equal(told, 2);
    port1.close();
    port2.close();
  });

  it('sleep() blocks the thread for the time asked', () => {
    const { port1 } = new MessageChannel();
    const began = performance.now();
    new BlockingClient(port1, wakeCells()).sleep(30);
    assert.ok(performance.now() - began >= 29);
    port1.close();
  });

  it('names the call when its arguments cannot cross threads (a function in a config)', () => {
    const { port1 } = new MessageChannel();
    const client = new BlockingClient(port1, wakeCells());
    assert.throws(
      () => client.request({ ...call, args: [{ balancer: () => 0 }] }, 'new Writer()'),
      /new Writer\(\): its arguments cannot be passed to the I\/O thread in classic mode/,
    );
    port1.close();
  });
});

/** A module like k6/x/kafka: a class with an async method that emits a metric and reads the VU's signal. */
function fakeModule(vu: VUContext) {
  class Thing {
    constructor(readonly config: { name: string }) {}
    async get(n: number): Promise<{ n: number; phase: string; bytes: Uint8Array }> {
      vu.emit(vu.defineMetric('thing_calls', 'counter'), 1, { name: this.config.name });
      const pool = new Uint8Array(1024);
      return { n: n * 2, phase: vu.phase, bytes: pool.subarray(0, 3) };
    }
    wait(): Promise<string> {
      return new Promise((resolve) => vu.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
    }
    async fail(): Promise<never> {
      throw Object.assign(new Error('Unable to read messages.'), { code: 3001 });
    }
  }
  return { Thing };
}

function serve() {
  const server = new IoServer({ fake: fakeModule }, new SharedResourcePool(), createLogger({ verbose: false, write: () => {} }));
  const { port1, port2 } = new MessageChannel();
  const cells = wakeCells();
  server.attach(port2, cells, { id: 3, idInTest: 3, env: {}, scriptPath: '/x.js' });
  const ask = (m: object) => {
    const woken = wakeCount(cells);
    port1.postMessage(m);
    return new Promise<IoReply>((resolve) => {
      const poll = () => {
        const got = wakeCount(cells) !== woken ? receiveMessageOnPort(port1) : undefined;
        if (got) resolve(got.message as IoReply);
        else setTimeout(poll, 2);
      };
      poll();
    });
  };
  return { server, ask, post: (m: object) => port1.postMessage(m), end: () => port1.close() };
}

describe('IoServer', () => {
  it('creates objects, runs their async methods, returns values, methods and samples, and wakes the VU', async () => {
    const { ask, server, end } = serve();
    const made = await ask({ id: 1, op: 'new', module: 'fake', target: 'Thing', args: [{ name: 't' }], phase: 'init', tags: {} });
    assert.equal(made.ok, true);
    assert.deepEqual(made.methods!.sort(), ['fail', 'get', 'wait']);
    const got = await ask({
      id: 2,
      op: 'call',
      module: 'fake',
      target: made.value,
      method: 'get',
      args: [21],
      phase: 'iteration',
      tags: { scenario: 's' },
    });
    assert.equal((got.value as { n: number }).n, 42);
    assert.equal((got.value as { phase: string }).phase, 'iteration');
    assert.equal((got.value as { bytes: Uint8Array }).bytes.buffer.byteLength, 3, 'a view is sent without its whole buffer');
    assert.deepEqual(got.samples, [['thing_calls', 'counter', 'default', 1, { name: 't' }]]);
    const failed = await ask({
      id: 3,
      op: 'call',
      module: 'fake',
      target: made.value,
      method: 'fail',
      args: [],
      phase: 'iteration',
      tags: {},
    });
    assert.equal(failed.ok, false);
    assert.deepEqual(failed.error, { name: 'Error', message: 'Unable to read messages.', code: 3001 });
    end();
    await server.close();
  });

  it('a cancel aborts the signal of the call in progress', async () => {
    const { ask, post, server, end } = serve();
    const made = await ask({ id: 1, op: 'new', module: 'fake', target: 'Thing', args: [{ name: 't' }], phase: 'iteration', tags: {} });
    const waiting = ask({ id: 2, op: 'call', module: 'fake', target: made.value, method: 'wait', args: [], phase: 'iteration', tags: {} });
    await new Promise((r) => setTimeout(r, 20));
    post({ op: 'cancel', id: 2 });
    assert.equal((await waiting).value, 'aborted');
    end();
    await server.close();
  });

  it('names an unknown module or export', async () => {
    const { ask, server, end } = serve();
    const r = await ask({ id: 1, op: 'new', module: 'fake', target: 'Nope', args: [], phase: 'init', tags: {} });
    assert.match(r.error!.message, /"Nope" is not exported by fake/);
    end();
    await server.close();
  });
});

describe('errors and bytes across threads', () => {
  it('an xk6-kafka error keeps its name, message and code; an exit code makes a StreamprobeError', () => {
    const err = rebuildError(serializeError(Object.assign(new Error('Failed to create topic.'), { name: 'KafkaError', code: 6001 })));
    assert.equal(err.name, 'KafkaError');
    assert.equal((err as Error & { code: number }).code, 6001);
    const unreachable = rebuildError(serializeError(new StreamprobeError('Kafka brokers 127.0.0.1:1 are unreachable.', 111)));
    assert.ok(unreachable instanceof StreamprobeError);
    assert.equal(unreachable.exitCode, 111);
  });

  it('compactBytes copies views out of larger buffers, in arrays and plain objects', () => {
    const big = new Uint8Array(100);
    const out = compactBytes([{ key: big.subarray(0, 2), headers: { h: big.subarray(5, 6) } }]) as {
      key: Uint8Array;
      headers: { h: Uint8Array };
    }[];
    assert.equal(out[0]!.key.buffer.byteLength, 2);
    assert.equal(out[0]!.headers.h.buffer.byteLength, 1);
  });

  it('compactBytes keeps views that use most of their buffer: the buffer is sent once for all of them', () => {
    const fetch = new Uint8Array(10);
    const records = compactBytes([{ value: fetch.subarray(0, 5) }, { value: fetch.subarray(5, 9) }]) as { value: Uint8Array }[];
    assert.equal(records[0]!.value.buffer, fetch.buffer);
    assert.equal(records[1]!.value.buffer, fetch.buffer);
  });
});
