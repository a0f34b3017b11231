import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import createKafkaModule from '../../../runtime/modules/k6/x/kafka.ts';
import { SUTUnreachableError } from '../../../runtime/errors.ts';
import { FakeVU } from '../../unit/kafka/fake-vu.ts';
import { brokers, kafkaHarness, unique, type Ctor } from './harness.ts';

describe('k6/x/kafka against a real broker', () => {
  const { vu, kafka, admin, topic, cleanup } = kafkaHarness();
  const Writer = kafka.Writer as Ctor;
  const Reader = kafka.Reader as Ctor;

  after(cleanup);

  it('round-trips keys, values, headers, partitions and timestamps', async () => {
    const t = await topic('roundtrip', 2);
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1, balancer: kafka.BALANCER_HASH });
    const time = new Date('2024-05-06T07:08:09.123Z');
    await writer.produce({
      messages: [
        { key: 'k1', value: 'v1', headers: { h: 'x', n: 1 }, time },
        { value: new Uint8Array([1, 2, 3]) },
        { key: [107, 50], value: 'v3' },
      ],
    });
    const got: any[] = [];
    const readers = [0, 1].map((partition) => new Reader({ brokers, topic: t, partition, maxWait: '3s' }));
    // a busy machine may answer a first fetch after maxWait: read both partitions until all three are in
    for (let round = 0; round < 10 && got.length < 3; round++) {
      for (const reader of readers) got.push(...(await reader.consume({ limit: 10, expectTimeout: true, nanoPrecision: true })));
    }
    await Promise.all(readers.map((r) => r.close()));
    assert.equal(got.length, 3);
    const first = got.find((m) => m.key && Buffer.from(m.key).toString() === 'k1');
    assert.equal(Buffer.from(first.value).toString(), 'v1');
    assert.equal(Buffer.from(first.headers.h).toString(), 'x');
    assert.equal(Buffer.from(first.headers.n).toString(), '1');
    assert.equal(first.time, '2024-05-06T07:08:09.123Z');
    assert.equal(first.topic, t);
    assert.ok(first.highWaterMark >= 1);
    const keyless = got.find((m) => !m.key);
    assert.deepEqual([...keyless.value], [1, 2, 3]);
    assert.equal('key' in keyless, false);
    await writer.close();
  });

  it('keeps the reader position across consume calls and emits reader metrics', async () => {
    const t = await topic('position');
    const writer = new Writer({ brokers, topic: t, requiredAcks: 1 });
    await writer.produce({ messages: Array.from({ length: 5 }, (_, i) => ({ value: `m${i}` })) });
    const reader = new Reader({ brokers, topic: t, maxWait: '2s' });
    const a = await reader.consume({ limit: 2 });
    const b = await reader.consume({ limit: 3 });
    assert.deepEqual(
      [...a, ...b].map((m) => m.offset),
      [0, 1, 2, 3, 4],
    );
    assert.equal(a[0].time.endsWith('Z') && !a[0].time.includes('.'), true, 'seconds precision by default');
    assert.ok(vu.samples.some((s) => s.metric === 'kafka_reader_message_count' && s.tags.topic === t && s.tags.partition === '0'));
    await reader.close();
    await writer.close();
  });

  it('emits writer metrics per produce call', async () => {
    const t = await topic('metrics');
    const before = vu.sum('kafka_writer_message_count');
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1 });
    await writer.produce({ messages: [{ value: 'abc' }, { value: 'de', key: 'k' }] });
    assert.equal(vu.sum('kafka_writer_message_count') - before, 2);
    const bytes = vu.samples.filter((s) => s.metric === 'kafka_writer_message_bytes' && s.tags.topic === t);
    assert.deepEqual(
      bytes.map((s) => s.value),
      [23 + 3 + 23 + 1 + 2],
    ); // v2.1: 23 bytes per message + key + value
    assert.ok(vu.samples.some((s) => s.metric === 'kafka_writer_write_seconds' && s.tags.topic === t));
    assert.equal(vu.metrics.get('kafka_writer_message_bytes')?.contains, 'data');
    await writer.close();
  });

  it('consume with expectTimeout on an empty topic returns [] after maxWait', async () => {
    const t = await topic('empty');
    const reader = new Reader({ brokers, topic: t, maxWait: '500ms' });
    assert.deepEqual(await reader.consume({ limit: 5, expectTimeout: true }), []);
    await assert.rejects(reader.consume({ limit: 1 }), (e: any) => e.code === 3001 && /maxWait \(500ms\)/.test(e.message));
    assert.ok(vu.sum('kafka_reader_timeouts_count') >= 2);
    await reader.close();
  });

  it('two group readers share the partitions of a topic', async () => {
    const t = await topic('group', 2);
    const groupId = unique('g');
    const r1 = new Reader({ brokers, groupId, groupTopics: [t], maxWait: '3s', sessionTimeout: 10e9 });
    const r2 = new Reader({ brokers, groupId, groupTopics: [t], maxWait: '3s', sessionTimeout: 10e9 });
    await Promise.all([r1.consume({ limit: 1, expectTimeout: true }), r2.consume({ limit: 1, expectTimeout: true })]);
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1, balancer: kafka.BALANCER_ROUND_ROBIN });
    await writer.produce({ messages: Array.from({ length: 20 }, (_, i) => ({ value: `g${i}` })) });
    const seen = new Set<string>();
    for (let round = 0; round < 10 && seen.size < 20; round++) {
      const [a, b] = await Promise.all([r1.consume({ limit: 20, expectTimeout: true }), r2.consume({ limit: 20, expectTimeout: true })]);
      for (const m of [...a, ...b]) seen.add(Buffer.from(m.value).toString());
    }
    assert.equal(seen.size, 20);
    await Promise.all([r1.close(), r2.close(), writer.close()]);
  });

  it('admin: create, list and delete a topic; AdminClient lists TopicInfo', async () => {
    const t = await topic('admin', 3);
    assert.ok((await admin.listTopics()).includes(t));
    const adminClient = new (kafka.AdminClient as Ctor)({ brokers });
    const info = (await adminClient.listTopics()).find((i: any) => i.topic === t);
    assert.equal(info.partitions.length, 3);
    await admin.deleteTopic(t);
    // Kafka deletes topics asynchronously: the name may stay listed for a moment
    let listed = true;
    for (let i = 0; i < 50 && listed; i++) {
      listed = (await admin.listTopics()).includes(t);
      if (listed) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(!listed, `topic ${t} still listed 5 s after deleteTopic`);
    const existing = await topic('exists');
    // xk6-kafka's examples run `if (__VU == 0) createTopic(...)` in init, which k6 runs again for teardown:
    // an existing topic is not an error there (docs/xk6-kafka-users.md)
    await admin.createTopic({ topic: existing });
    await adminClient.close();
  });

  it('a missing topic names the topic and how to create it', async () => {
    const t = unique('missing');
    const writer = new Writer({ brokers, topic: t });
    await assert.rejects(writer.produce({ messages: [{ value: 'x' }] }), (e: any) => {
      assert.equal(e.code, 1008);
      assert.match(e.message, /^Error writing messages\., OriginalError: /);
      assert.ok(e.message.includes(t) && /createTopic/.test(e.message) && /autoCreateTopic/.test(e.message));
      return true;
    });
    await writer.close();
  });

  it('rejects a message larger than batchBytes naming both sizes', async () => {
    const t = await topic('large');
    const writer = new Writer({ brokers, topic: t, batchBytes: 100 });
    await assert.rejects(writer.produce({ messages: [{ value: 'x'.repeat(150) }] }), /150 bytes.*batchBytes 100/);
    await writer.close();
  });

  it('produce and consume throw code 1000 in the init context', () => {
    const initVu = new FakeVU();
    initVu.phase = 'init';
    const k = createKafkaModule(initVu) as Record<string, any>;
    const w = new (k.Writer as Ctor)({ brokers, topic: 'x' });
    assert.throws(
      () => w.produce({ messages: [] }),
      (e: any) => e.code === 1000,
    );
    const r = new (k.Reader as Ctor)({ brokers, topic: 'x' });
    assert.throws(
      () => r.consume({ limit: 1 }),
      (e: any) => e.code === 1000,
    );
  });

  it('an unreachable broker fails fast with SUTUnreachableError', async () => {
    const other = new FakeVU();
    const k = createKafkaModule(other) as Record<string, any>;
    const w = new (k.Writer as Ctor)({ brokers: ['127.0.0.1:1'], topic: 'x' });
    await assert.rejects(w.produce({ messages: [{ value: 'x' }] }), (e: any) => {
      assert.ok(e instanceof SUTUnreachableError);
      assert.match(e.message, /127\.0\.0\.1:1/);
      assert.match(e.message, /kafka:up|KAFKA_BROKERS/);
      return true;
    });
    const r = new (k.Reader as Ctor)({ brokers: ['127.0.0.1:1'], topic: 'x', maxWait: '1s' });
    await assert.rejects(r.consume({ limit: 1 }), SUTUnreachableError);
    await other.closeShared();
  });
});
