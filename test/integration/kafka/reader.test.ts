import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { brokers, kafkaHarness, unique, type Ctor } from './harness.ts';

describe('k6/x/kafka reader against a real broker', () => {
  const { kafka, topic, cleanup } = kafkaHarness();
  const Reader = kafka.Reader as Ctor;
  // idempotent: a retried send on a busy broker must not leave duplicates that would look like re-reads
  const producer = new Producer({
    clientId: 'sp-test-reader',
    bootstrapBrokers: brokers,
    serializers: stringSerializers,
    idempotent: true,
  });

  /** `count` records over `partitions`, each with a key (except every 10th), headers and a sequence number value */
  async function fill(t: string, count: number, partitions = 1, compression: 'none' | 'gzip' = 'none'): Promise<void> {
    const messages = Array.from({ length: count }, (_, i) => ({
      topic: t,
      partition: i % partitions,
      key: i % 10 === 0 ? undefined : `k${i}`,
      value: `v${i}`,
      headers: new Map([
        ['seq', String(i)],
        ['src', 'test'],
      ]),
    }));
    for (let i = 0; i < count; i += 500) await producer.send({ messages: messages.slice(i, i + 500), acks: -1, compression });
  }

  after(async () => {
    await producer.close();
    await cleanup();
  });

  it('stamps each message with when its fetch arrived (visibleAt), not when a waiting consume() returned', async () => {
    const t = await topic('visible');
    await fill(t, 3);
    const reader = new Reader({ brokers, topic: t, maxWait: '1500ms' });
    const called = Date.now();
    const got = await reader.consume({ limit: 10, expectTimeout: true });
    const returned = Date.now();
    assert.equal(got.length, 3);
    assert.ok(
      got.every((m: any) => Number.isInteger(m.visibleAt) && m.visibleAt === got[0].visibleAt),
      'one time per fetch, whole ms',
    );
    assert.ok(got[0].visibleAt >= called && got[0].visibleAt <= returned);
    assert.ok(
      returned - got[0].visibleAt >= 1400,
      `the 1.5 s wait for more records is not in visibleAt (${returned - got[0].visibleAt} ms)`,
    );
    await reader.close();
  });

  it('reads every record once and in order across many small fetches, with keys, null keys and headers', async () => {
    const t = await topic('many');
    await fill(t, 3000);
    const reader = new Reader({ brokers, topic: t, maxWait: '2s', maxBytes: 8192 });
    const got: any[] = [];
    while (got.length < 3000) {
      const limit = Math.min(700, 3000 - got.length);
      const batch = await reader.consume({ limit });
      assert.equal(batch.length, limit);
      got.push(...batch);
    }
    assert.deepEqual(
      got.map((m) => m.offset),
      Array.from({ length: 3000 }, (_, i) => i),
    );
    assert.ok(got.every((m, i) => Buffer.from(m.value).toString() === `v${i}` && Buffer.from(m.headers.seq).toString() === String(i)));
    assert.equal('key' in got[0], false);
    assert.equal(Buffer.from(got[1].key).toString(), 'k1');
    assert.equal(got[2999].highWaterMark, 3000);
    assert.deepEqual(await reader.consume({ limit: 1, expectTimeout: true }), []);
    assert.equal(reader.position(0), 3000);
    await reader.close();
  });

  it('decodes gzip-compressed batches', async () => {
    const t = await topic('gzip');
    await fill(t, 50, 1, 'gzip');
    const reader = new Reader({ brokers, topic: t, maxWait: '2s' });
    const got = await reader.consume({ limit: 50 });
    assert.deepEqual(
      got.map((m: any) => Buffer.from(m.value).toString()),
      Array.from({ length: 50 }, (_, i) => `v${i}`),
    );
    await reader.close();
  });

  it('a group reader commits what it returned: a new member resumes there, with no re-reads and no gaps', async () => {
    const t = await topic('resume', 3);
    await fill(t, 600, 3);
    const groupId = unique('g');
    const config = { brokers, groupId, groupTopics: [t], maxWait: '3s', sessionTimeout: 10e9 };
    const first = new Reader(config);
    const a = await first.consume({ limit: 250 });
    await first.close();
    const second = new Reader(config);
    const b: any[] = [];
    while (b.length < 350) b.push(...(await second.consume({ limit: 350 - b.length })));
    assert.deepEqual(await second.consume({ limit: 1, expectTimeout: true }), []);
    await second.close();
    const values = [...a, ...b].map((m) => Buffer.from(m.value).toString()).sort();
    assert.deepEqual(values, Array.from({ length: 600 }, (_, i) => `v${i}`).sort());
  });
});
