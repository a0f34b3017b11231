import assert from 'node:assert/strict';
import { after, describe, it, mock } from 'node:test';
import { Admin } from '@platformatic/kafka';
import createKafkaModule from '../../../runtime/modules/k6/x/kafka.ts';
import { FastSender } from '../../../runtime/modules/k6/x/kafka/produce/fast-send.ts';
import { FakeVU } from '../../unit/kafka/fake-vu.ts';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const unique = (name: string) => `sp-test-fast-${name}-${process.pid}-${Date.now()}`;
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : Buffer.from(b).toString('utf8'));

type Ctor = new (cfg: unknown) => any;

describe('k6/x/kafka fast produce path against a real broker', () => {
  const vu = new FakeVU();
  const kafka = createKafkaModule(vu) as Record<string, any>;
  const Writer = kafka.Writer as Ctor;
  const Reader = kafka.Reader as Ctor;
  const admin = new Admin({ clientId: 'sp-test-fast', bootstrapBrokers: brokers });
  const topics: string[] = [];
  const fastSends = mock.method(FastSender.prototype, 'send');

  async function topic(name: string, numPartitions = 1, configs: { name: string; value: string }[] = []): Promise<string> {
    const t = unique(name);
    await admin.createTopics({ topics: [t], partitions: numPartitions, replicas: 1, configs });
    topics.push(t);
    return t;
  }

  async function consumeAll(t: string, partitions: number, expected: number): Promise<any[]> {
    const got: any[] = [];
    for (let partition = 0; partition < partitions; partition++) {
      const reader = new Reader({ brokers, topic: t, partition, maxWait: '1s' });
      got.push(...(await reader.consume({ limit: expected, expectTimeout: true, nanoPrecision: true })));
      await reader.close();
    }
    return got;
  }

  after(async () => {
    mock.restoreAll();
    if (topics.length) await admin.deleteTopics({ topics }).catch(() => {});
    await admin.close();
    await vu.closeShared();
  });

  it('round-trips keys, values, stamp headers and timestamps exactly (acks=all)', async () => {
    const t = await topic('headers', 3);
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1, balancer: kafka.BALANCER_MURMUR2 });
    const time = new Date('2024-05-06T07:08:09.123Z');
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: i % 2 ? `key-${i}` : new Uint8Array(Buffer.from(`key-${i}`)),
      value: i === 7 ? `{"n":${i},"s":"ünïcødé ✓"}` : JSON.stringify({ n: i, pad: 'x'.repeat(200) }),
      headers: {
        'sp-run': 'run-1',
        'sp-gen': 'gen-0',
        'sp-seq': String(i),
        'sp-intended-us': String(1_714_979_289_123_000 + i),
        'sp-sent-us': String(1_714_979_289_124_000 + i),
      },
      ...(i % 3 === 0 && { time }),
    }));
    const calls = fastSends.mock.callCount();
    const before = Date.now();
    await writer.produce({ messages });
    const sentBy = Date.now();
    assert.equal(fastSends.mock.callCount(), calls + 1, 'sent through the fast path');

    const got = await consumeAll(t, 3, 30);
    assert.equal(got.length, 30);
    assert.ok(new Set(got.map((m) => m.partition)).size > 1, 'spread over partitions');
    for (const m of got) {
      const i = Number(text(m.headers['sp-seq']));
      const sent = messages[i]!;
      assert.equal(text(m.key), `key-${i}`);
      assert.equal(text(m.value), sent.value);
      assert.deepEqual(
        Object.fromEntries(Object.entries(m.headers as Record<string, Uint8Array>).map(([k, v]) => [k, text(v)])),
        sent.headers,
      );
      if (sent.time) assert.equal(m.time, '2024-05-06T07:08:09.123Z');
      else {
        const ms = Date.parse(m.time);
        assert.ok(ms >= before - 1 && ms <= sentBy, `${m.time} is the send time`);
      }
    }
    const offsets = (p: number) => got.filter((m) => m.partition === p).map((m) => m.offset);
    for (const p of [0, 1, 2])
      assert.deepEqual(
        offsets(p),
        offsets(p).map((_, i) => i),
      );
    await writer.close();
  });

  for (const requiredAcks of [0, 1]) {
    it(`produces with acks=${requiredAcks}`, async () => {
      const t = await topic(`acks${requiredAcks}`, 2);
      // acks=0 gets no answer: a partition whose leader is not ready yet would drop the records unseen
      const ready = new Writer({ brokers, topic: t, requiredAcks: -1, balancer: kafka.BALANCER_ROUND_ROBIN });
      await ready.produce({ messages: [{ value: 'ready' }, { value: 'ready' }] });
      await ready.close();
      const writer = new Writer({ brokers, topic: t, requiredAcks, balancer: kafka.BALANCER_ROUND_ROBIN });
      const before = vu.sum('kafka_writer_message_count');
      const calls = fastSends.mock.callCount();
      await writer.produce({
        messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers: { i: String(i) } })),
      });
      assert.equal(fastSends.mock.callCount(), calls + 1);
      assert.equal(vu.sum('kafka_writer_message_count') - before, 10);
      const got = (await consumeAll(t, 2, 11)).filter((m) => text(m.value) !== 'ready');
      assert.deepEqual(got.map((m) => text(m.value)).sort(), Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
      assert.ok(got.every((m) => text(m.headers.i) === text(m.value)!.slice(1) && text(m.key) === `k${text(m.headers.i)}`));
      await writer.close();
    });
  }

  it('compressed writers keep the library send and round-trip the same messages', async () => {
    const t = await topic('gzip');
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1, compression: kafka.CODEC_GZIP });
    const calls = fastSends.mock.callCount();
    await writer.produce({ messages: [{ key: 'k', value: 'zipped', headers: { h: 'x' } }] });
    assert.equal(fastSends.mock.callCount(), calls);
    const [m] = await consumeAll(t, 1, 1);
    assert.equal(text(m.value), 'zipped');
    assert.equal(text(m.headers.h), 'x');
    await writer.close();
  });

  it('a batch the broker refuses as too large names its size and batchBytes', async () => {
    const t = await topic('too-large', 1, [{ name: 'max.message.bytes', value: '1000' }]);
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1 });
    const errors = vu.sum('kafka_writer_error_count');
    await assert.rejects(writer.produce({ messages: [{ value: 'x'.repeat(3000) }] }), (e: any) => {
      assert.equal(e.code, 1008);
      assert.match(e.message, new RegExp(`record batch of \\d+ bytes for ${t}\\[0\\].*batchBytes 1048576`));
      return true;
    });
    assert.equal(vu.sum('kafka_writer_error_count') - errors, 1);
    await writer.close();
  });
});
