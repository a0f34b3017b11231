import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import createKafkaModule from '../../../runtime/modules/k6/x/kafka.ts';
import { deserialize, serialize } from '../../../runtime/modules/k6/x/kafka/serde.ts';
import { getSubjectName } from '../../../runtime/modules/k6/x/kafka/subject-name.ts';
import { FakeVU } from './fake-vu.ts';

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
    assert.throws(
      () => serialize({ data: { id: 1 }, schema, schemaType: 'AVRO' }),
      (e: any) => e.code === 2002,
    );
    assert.throws(
      () => deserialize({ data: [1, 0, 0, 0, 42, 0], schema, schemaType: 'AVRO' }),
      (e: any) => e.code === 5000,
    );
  });
  it('handles STRING, BYTES and JSON with optional schema validation', () => {
    assert.equal(deserialize({ data: serialize({ data: 'héllo', schemaType: 'STRING' }), schemaType: 'STRING' }), 'héllo');
    assert.deepEqual([...serialize({ data: [1, 2], schemaType: 'BYTES' })], [1, 2]);
    assert.throws(
      () => serialize({ data: [1], schemaType: 'JSON' }),
      (e: any) => e.code === 2000,
    );
    assert.deepEqual(deserialize({ data: serialize({ data: { a: 1 }, schemaType: 'JSON' }), schemaType: 'JSON' }), { a: 1 });
    const schema = { id: 7, schema: JSON.stringify({ type: 'object', required: ['a'], properties: { a: { type: 'number' } } }) };
    const wire = serialize({ data: { a: 1 }, schema, schemaType: 'JSON' });
    assert.equal(wire[4], 7);
    assert.deepEqual(deserialize({ data: wire, schema, schemaType: 'JSON' }), { a: 1 });
    assert.throws(
      () => serialize({ data: { a: 'x' }, schema, schemaType: 'JSON' }),
      (e: any) => e.code === 2005,
    );
    assert.throws(
      () => serialize({ data: {}, schemaType: 'PROTOBUF' }),
      (e: any) => e.code === 1007,
    );
    assert.equal(deserialize({ data: Buffer.from('hi').toString('base64'), schemaType: 'STRING' }), 'hi');
  });
  it('names subjects by strategy', () => {
    assert.equal(getSubjectName({ topic: 'orders', element: 'value' }), 'orders-value');
    assert.equal(getSubjectName({ topic: 'o', subjectNameStrategy: 'RecordNameStrategy', schema: avroSchema }), 'com.example.Order');
    assert.equal(getSubjectName({ topic: 'o', subjectNameStrategy: 'TopicRecordNameStrategy', schema: avroSchema }), 'o-com.example.Order');
    assert.throws(
      () => getSubjectName({ topic: 'o', subjectNameStrategy: 'Nope' }),
      (e: any) => e.code === 2001,
    );
  });
  it('throws 5003 for registry calls without a url', () => {
    const k = createKafkaModule(new FakeVU()) as any;
    assert.throws(
      () => new k.SchemaRegistry().getSchema({ subject: 's' }),
      (e: any) => e.code === 5003,
    );
  });
});
