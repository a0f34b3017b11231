/** Several I/O threads: every attach reaches the first, which keeps or forwards it, and each VU's calls are answered. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IoLink, ioThreadOf } from '../../../runtime/classic/io-link.ts';

const vu = (idInTest: number) => ({ id: idInTest, idInTest, env: {}, scriptPath: 'test.js' });

describe('I/O threads', () => {
  it('give the main thread (VU 0) and VU 1 the first thread, and spread the others', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((id) => ioThreadOf(vu(id), 3)),
      [0, 0, 1, 2, 0, 1],
    );
    assert.deepEqual(
      [0, 1, 7].map((id) => ioThreadOf(vu(id), 1)),
      [0, 0, 0],
    );
  });

  const started = IoLink.start([], false, 3);
  after(async () => (await started).close());

  it('answer the calls of VUs attached to each thread', async () => {
    const link = await started;
    for (const id of [0, 1, 2, 3, 4]) {
      const client = link.attach(vu(id));
      const reply = client.request({ op: 'function', module: 'k6/x/kafka', target: 'f', args: [], phase: 'iteration', tags: {} }, 'f()');
      assert.equal(reply.ok, false);
      assert.match(reply.error!.message, /module "k6\/x\/kafka" has no classic-mode implementation/);
      client.close();
    }
  });
});
