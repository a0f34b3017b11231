/**
 * k6/x/kafka against a real broker, as xk6-kafka v2.1 behaves (docs/k6-compatibility.md#xk6-kafka): exact kafka_* values per
 * produce()/consume() call, consistent_random partitioning, acks, maxMessages, the balancer warning.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { crc32 } from '../../../runtime/modules/k6/x/kafka/crc32.ts';
import { BALANCER_WARNING } from '../../../runtime/modules/k6/x/kafka/balancer-warning.ts';
import type { Sample } from '../../unit/kafka/fake-vu.ts';
import { brokers, kafkaHarness, type Ctor } from './harness.ts';

/** metric → values of the samples added since `from`, for one tag value */
function valuesSince(samples: Sample[], from: number, tag: string, value: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of samples.slice(from)) {
    if (s.tags[tag] !== value) continue;
    const list = out.get(s.metric) ?? [];
    list.push(s.value);
    out.set(s.metric, list);
  }
  return out;
}

describe('k6/x/kafka as xk6-kafka v2.1', () => {
  const { vu, kafka, topic, cleanup } = kafkaHarness();
  const Writer = kafka.Writer as Ctor;
  const Reader = kafka.Reader as Ctor;
  after(cleanup);

  it('derives the writer metrics per call and places keys by CRC-32', async () => {
    const t = await topic('v2-writer', 3);
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1, batchSize: 10, batchTimeout: 5e6 });
    const keys = ['user-1', 'user-42', 'order-7', 'k'];
    const messages = keys.map((key, i) => ({ key, value: `value-${i}`, headers: { seq: i, src: 'test' } }));
    const from = vu.samples.length;
    await writer.produce({ messages });
    const m = valuesSince(vu.samples, from, 'topic', t);
    // per message: 23 + key + value (7) + "seq" + "<i>" + "src" + "test"
    const bytes = keys.reduce((sum, k) => sum + 23 + k.length + 7 + 3 + 1 + 3 + 4, 0);
    assert.deepEqual(m.get('kafka_writer_write_count'), [4]);
    assert.deepEqual(m.get('kafka_writer_message_count'), [4]);
    assert.deepEqual(m.get('kafka_writer_message_bytes'), [bytes]);
    assert.deepEqual(m.get('kafka_writer_batch_size'), [1]);
    assert.deepEqual(m.get('kafka_writer_batch_bytes'), [bytes / 4]);
    assert.deepEqual(m.get('kafka_writer_error_count'), [0]);
    assert.deepEqual(m.get('kafka_writer_retries_count'), [0]);
    assert.deepEqual(m.get('kafka_writer_batch_max'), [10]);
    assert.deepEqual(m.get('kafka_writer_batch_timeout'), [5]);
    assert.deepEqual(m.get('kafka_writer_write_timeout'), [0]);
    assert.deepEqual(m.get('kafka_writer_acks_required'), [-1]);
    assert.deepEqual(m.get('kafka_writer_attempts_max'), [0]);
    assert.deepEqual(m.get('kafka_writer_async'), [0]);
    const [write] = m.get('kafka_writer_write_seconds')!;
    assert.ok(write! > 0);
    assert.deepEqual(m.get('kafka_writer_batch_seconds'), [write! / 4]);
    assert.deepEqual(Object.keys(vu.samples[from]!.tags), ['topic']);

    for (let partition = 0; partition < 3; partition++) {
      const reader = new Reader({ brokers, topic: t, partition, maxWait: '1s' });
      const got = await reader.consume({ limit: 10, expectTimeout: true });
      for (const msg of got) assert.equal(crc32(Buffer.from(msg.key).toString()) % 3, partition);
      const seq = got.find((x: any) => x.headers.seq)?.headers.seq;
      if (seq) assert.match(Buffer.from(seq).toString(), /^\d$/);
      await reader.close();
    }
    await writer.close();
  });

  it('counts a failed call as one error and nothing written', async () => {
    const t = await topic('v2-fail');
    const writer = new Writer({ brokers, topic: t, requiredAcks: 1, batchBytes: 10 });
    const from = vu.samples.length;
    await assert.rejects(writer.produce({ messages: [{ value: 'x'.repeat(50) }] }), (e: any) => e.code === 1008);
    const m = valuesSince(vu.samples, from, 'topic', t);
    assert.deepEqual(m.get('kafka_writer_error_count'), [1]);
    assert.deepEqual(m.get('kafka_writer_message_count'), [0]);
    assert.deepEqual(m.get('kafka_writer_write_seconds'), [0]);
    assert.deepEqual(m.get('kafka_writer_acks_required'), [1]);
    await writer.close();
  });

  it('produces with acks 0 when requiredAcks is unset', async () => {
    const t = await topic('v2-acks0');
    const writer = new Writer({ brokers, topic: t });
    const from = vu.samples.length;
    await writer.produce({ messages: [{ key: 'a', value: 'b' }] });
    assert.deepEqual(valuesSince(vu.samples, from, 'topic', t).get('kafka_writer_acks_required'), [0]);
    const reader = new Reader({ brokers, topic: t, maxWait: '3s' });
    assert.equal((await reader.consume({ maxMessages: 1 })).length, 1);
    await reader.close();
    await writer.close();
  });

  it('derives the reader metrics per partition; maxMessages wins over limit', async () => {
    const t = await topic('v2-reader');
    const writer = new Writer({ brokers, topic: t, requiredAcks: -1 });
    await writer.produce({
      messages: [{ key: 'k0', value: 'aaaa', headers: { h: 'hi' } }, { key: 'k1', value: 'bbbb' }, { value: 'cccc' }],
    });
    const reader = new Reader({ brokers, topic: t, maxWait: '2s', minBytes: 1, maxBytes: 1_000_000 });
    let from = vu.samples.length;
    const got = await reader.consume({ maxMessages: 2, limit: 1 });
    assert.equal(got.length, 2);
    let m = valuesSince(vu.samples, from, 'topic', t);
    // reader bytes: key + value + header name + the header value as Go prints a byte slice ("[104 105]")
    const bytes = 2 + 4 + 1 + '[104 105]'.length + 2 + 4;
    assert.deepEqual(m.get('kafka_reader_message_count'), [2]);
    assert.deepEqual(m.get('kafka_reader_message_bytes'), [bytes]);
    assert.deepEqual(m.get('kafka_reader_fetch_size'), [2]);
    assert.deepEqual(m.get('kafka_reader_fetch_bytes'), [bytes]);
    assert.deepEqual(m.get('kafka_reader_dial_count'), [1]);
    assert.deepEqual(m.get('kafka_reader_fetches_count'), [3]);
    assert.deepEqual(m.get('kafka_reader_offset'), [1]);
    assert.deepEqual(m.get('kafka_reader_lag'), [2]); // high-water mark 3 − last offset 1
    assert.deepEqual(m.get('kafka_reader_fetch_bytes_min'), [1]);
    assert.deepEqual(m.get('kafka_reader_fetch_bytes_max'), [1_000_000]);
    assert.deepEqual(m.get('kafka_reader_fetch_wait_max'), [2000]);
    assert.deepEqual(m.get('kafka_reader_timeouts_count'), [0]);
    assert.deepEqual(m.get('kafka_reader_queue_capacity'), [0]);
    assert.deepEqual(vu.samples[from]!.tags, { topic: t, clientid: '', partition: '0' });

    from = vu.samples.length;
    assert.equal((await reader.consume({ limit: 5, expectTimeout: true })).length, 1);
    m = valuesSince(vu.samples, from, 'topic', t);
    assert.deepEqual(m.get('kafka_reader_message_count'), [1]);
    assert.deepEqual(m.get('kafka_reader_timeouts_count'), [1]);
    assert.deepEqual(m.get('kafka_reader_fetches_count'), [2]);
    assert.deepEqual(m.get('kafka_reader_offset'), [2]);
    await reader.close();
    await writer.close();
  });

  it('warns once that a balancer will not run on xk6-kafka v2, and still uses it', async () => {
    const t = await topic('v2-balancer', 2);
    const a = new Writer({ brokers, topic: t, balancer: kafka.BALANCER_ROUND_ROBIN });
    const b = new Writer({ brokers, topic: t, balancer: kafka.BALANCER_ROUND_ROBIN, requiredAcks: -1 });
    await b.produce({
      messages: [
        { key: 'same', value: '1' },
        { key: 'same', value: '2' },
      ],
    });
    assert.equal(vu.warnings.filter((w) => w === BALANCER_WARNING).length, 1); // no other test here sets a balancer
    const partitions = [];
    for (const partition of [0, 1]) {
      const reader = new Reader({ brokers, topic: t, partition, maxWait: '1s' });
      partitions.push((await reader.consume({ limit: 5, expectTimeout: true })).length);
      await reader.close();
    }
    assert.deepEqual(partitions, [1, 1]); // round-robin, not the key's CRC-32
    await Promise.all([a.close(), b.close()]);
  });
});
