import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { murmur2 as libMurmur2 } from '@platformatic/kafka';
import createKafkaModule from '../../../runtime/modules/k6/x/kafka.ts';
import { createBalancer, fnv1a32, murmur2 } from '../../../runtime/modules/k6/x/kafka/balancers.ts';
import { Config, parseGoDurationMs } from '../../../runtime/modules/k6/x/kafka/config.ts';
import { decodeReaderConfig } from '../../../runtime/modules/k6/x/kafka/reader-config.ts';
import { deserialize, serialize } from '../../../runtime/modules/k6/x/kafka/serde.ts';
import { getSubjectName } from '../../../runtime/modules/k6/x/kafka/subject-name.ts';
import { formatRfc3339 } from '../../../runtime/modules/k6/x/kafka/time-format.ts';
import { decodeWriterConfig } from '../../../runtime/modules/k6/x/kafka/writer-config.ts';
import { FakeVU } from './fake-vu.ts';

const brokers = ['localhost:9092'];

describe('k6/x/kafka exports', () => {
  const k = createKafkaModule(new FakeVU()) as Record<string, unknown>;
  it('has the constants with their exact values', () => {
    assert.equal(k.TLS_1_2, 'tls1.2');
    assert.equal(k.SASL_SCRAM_SHA512, 'sasl_scram_sha512');
    assert.equal(k.CODEC_ZSTD, 'zstd');
    assert.equal(k.BALANCER_LEAST_BYTES, 'balancer_leastbytes');
    assert.equal(k.GROUP_BALANCER_RACK_AFFINITY, 'group_balancer_rack_affinity');
    assert.equal(k.ISOLATION_LEVEL_READ_COMMITTED, 'isolation_level_read_committed');
    assert.equal(k.FIRST_OFFSET, 'start_offsets_first_offset');
    assert.equal(k.LAST_OFFSET, k.START_OFFSETS_LAST_OFFSET);
    assert.equal(k.TOPIC_RECORD_NAME_STRATEGY, 'TopicRecordNameStrategy');
    assert.equal(k.KEY, 'key');
    assert.equal(k.SCHEMA_TYPE_PROTOBUF, 'PROTOBUF');
    assert.equal(k.MINUTE, 6e10);
    assert.equal(k.HOUR, 3.6e12);
  });
  it('exposes every name on the default object too, v2 aliases included', () => {
    assert.equal(k.default, k);
    for (const name of ['Writer', 'Reader', 'Connection', 'SchemaRegistry', 'LoadJKS', 'Producer', 'Consumer', 'AdminClient']) {
      assert.equal(typeof k[name], 'function', name);
    }
  });
  it('defines every kafka metric at module creation with its type and contents', () => {
    const vu = new FakeVU();
    createKafkaModule(vu);
    assert.equal(vu.metrics.size, 37);
    assert.deepEqual(vu.metrics.get('kafka_writer_async'), { name: 'kafka_writer_async', type: 'rate', contains: 'default' });
    assert.equal(vu.metrics.get('kafka_reader_fetch_wait_max')?.contains, 'time');
    assert.equal(vu.metrics.get('kafka_reader_fetch_bytes')?.type, 'counter');
  });
});

describe('config decoding', () => {
  it('matches field names case-insensitively', () => {
    assert.equal(new Config({ groupID: 'g' }, 'x').str('groupId'), 'g');
    assert.equal(decodeReaderConfig({ brokers, groupID: 'g', groupTopics: ['t'] }).groupId, 'g');
  });
  it('parses Go durations and rejects numbers for maxWait', () => {
    assert.equal(parseGoDurationMs('1h2m3.5s'), 3_723_500);
    assert.equal(parseGoDurationMs('200ms'), 200);
    assert.equal(parseGoDurationMs('1500us'), 1.5);
    assert.throws(() => parseGoDurationMs(5), /invalid duration/);
    assert.throws(() => decodeReaderConfig({ brokers, topic: 't', maxWait: 1e9 }), /invalid duration/);
    assert.equal(decodeReaderConfig({ brokers, topic: 't' }).maxWaitMs, 5_000); // xk6-kafka v2's default
  });
  it('applies the reader group rules (3003, 3004)', () => {
    assert.throws(() => decodeReaderConfig({ brokers, groupId: 'g', topic: 't', groupTopics: ['t'] }), (e: any) => e.code === 3004);
    assert.throws(() => decodeReaderConfig({ brokers, groupId: 'g', groupTopics: ['t'], partition: 1 }), (e: any) => e.code === 3003);
  });
  it('decodes writer durations from nanoseconds and keeps requiredAcks default 0', () => {
    const w = decodeWriterConfig({ brokers, topic: 't', batchTimeout: 5e6, writeTimeout: 2e9, compression: 'bogus' });
    assert.equal(w.acks, 0);
    assert.equal(w.lingerMs, 5);
    assert.equal(w.writeTimeoutMs, 2000);
    assert.equal(w.compression, undefined);
    assert.equal(w.batchBytes, 1_048_576);
    assert.equal(w.client.connectTimeout, 10_000);
    assert.throws(() => decodeWriterConfig({ brokers, requiredAcks: 2 }), /requiredAcks/);
    assert.throws(() => decodeWriterConfig({ topic: 't' }), /brokers is required/);
  });
});

describe('balancers', () => {
  it('murmur2 matches Kafka (the library implementation)', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'key-12345', 'ünïcode']) {
      const buf = Buffer.from(key);
      assert.equal(murmur2(buf) | 0, libMurmur2(buf) | 0, key);
    }
  });
  it('hash uses FNV-1a; keyless messages round-robin; functions get key and count', () => {
    assert.equal(fnv1a32(Buffer.from('a')), 0xe40c292c);
    const hash = createBalancer('balancer_hash');
    const p = hash('t', Buffer.from('k'), 1, 7);
    assert.equal(hash('t', Buffer.from('k'), 1, 7), p);
    assert.deepEqual([0, 1, 2].map(() => hash('t', undefined, 1, 3)), [0, 1, 2]);
    const fn = createBalancer((key: Uint8Array, n: number) => key.length % n);
    assert.equal(fn('t', Buffer.from('abcd'), 4, 3), 1);
    assert.throws(() => fn('t', undefined, 0, 3), /needs a key/);
    const least = createBalancer('balancer_leastbytes');
    assert.deepEqual([10, 1, 1, 1].map((b) => least('t', undefined, b, 2)), [0, 1, 1, 1]);
  });
});

describe('serde', () => {
  const avroSchema = JSON.stringify({
    type: 'record',
    name: 'Order',
    namespace: 'com.example',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'qty', type: ['null', 'int'], default: null },
    ],
  });
  it('encodes Avro in the Confluent wire format, with nullable unions plain or wrapped', () => {
    const schema = { id: 42, schema: avroSchema };
    const bytes = serialize({ data: { id: 'a', qty: 3 }, schema, schemaType: 'AVRO' });
    assert.deepEqual([...bytes.subarray(0, 5)], [0, 0, 0, 0, 42]);
    assert.deepEqual(deserialize({ data: bytes, schema, schemaType: 'AVRO' }), { id: 'a', qty: 3 });
    const wrapped = serialize({ data: { id: 'b', qty: { int: 4 } }, schema, schemaType: 'AVRO' });
    assert.deepEqual(deserialize({ data: wrapped, schema, schemaType: 'AVRO' }), { id: 'b', qty: 4 });
    const nulled = serialize({ data: { id: 'c', qty: null }, schema, schemaType: 'AVRO' });
    assert.deepEqual(deserialize({ data: [...nulled], schema, schemaType: 'AVRO' }), { id: 'c', qty: null });
    assert.throws(() => serialize({ data: { id: 1 }, schema, schemaType: 'AVRO' }), (e: any) => e.code === 2002);
    assert.throws(() => deserialize({ data: [1, 0, 0, 0, 42, 0], schema, schemaType: 'AVRO' }), (e: any) => e.code === 5000);
  });
  it('handles STRING, BYTES and JSON with optional schema validation', () => {
    assert.equal(deserialize({ data: serialize({ data: 'héllo', schemaType: 'STRING' }), schemaType: 'STRING' }), 'héllo');
    assert.deepEqual([...serialize({ data: [1, 2], schemaType: 'BYTES' })], [1, 2]);
    assert.throws(() => serialize({ data: [1], schemaType: 'JSON' }), (e: any) => e.code === 2000);
    assert.deepEqual(deserialize({ data: serialize({ data: { a: 1 }, schemaType: 'JSON' }), schemaType: 'JSON' }), { a: 1 });
    const schema = { id: 7, schema: JSON.stringify({ type: 'object', required: ['a'], properties: { a: { type: 'number' } } }) };
    const wire = serialize({ data: { a: 1 }, schema, schemaType: 'JSON' });
    assert.equal(wire[4], 7);
    assert.deepEqual(deserialize({ data: wire, schema, schemaType: 'JSON' }), { a: 1 });
    assert.throws(() => serialize({ data: { a: 'x' }, schema, schemaType: 'JSON' }), (e: any) => e.code === 2005);
    assert.throws(() => serialize({ data: {}, schemaType: 'PROTOBUF' }), (e: any) => e.code === 1007);
    assert.equal(deserialize({ data: Buffer.from('hi').toString('base64'), schemaType: 'STRING' }), 'hi');
  });
  it('names subjects by strategy', () => {
    assert.equal(getSubjectName({ topic: 'orders', element: 'value' }), 'orders-value');
    assert.equal(getSubjectName({ topic: 'o', subjectNameStrategy: 'RecordNameStrategy', schema: avroSchema }), 'com.example.Order');
    assert.equal(getSubjectName({ topic: 'o', subjectNameStrategy: 'TopicRecordNameStrategy', schema: avroSchema }), 'o-com.example.Order');
    assert.throws(() => getSubjectName({ topic: 'o', subjectNameStrategy: 'Nope' }), (e: any) => e.code === 2001);
  });
  it('throws 5003 for registry calls without a url', () => {
    const k = createKafkaModule(new FakeVU()) as any;
    assert.throws(() => new k.SchemaRegistry().getSchema({ subject: 's' }), (e: any) => e.code === 5003);
  });
});

describe('time format', () => {
  it('formats RFC3339 and RFC3339Nano as Go does', () => {
    assert.equal(formatRfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 120), false), '2024-01-02T03:04:05Z');
    assert.equal(formatRfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 120), true), '2024-01-02T03:04:05.12Z');
    assert.equal(formatRfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 0), true), '2024-01-02T03:04:05Z');
  });
});
