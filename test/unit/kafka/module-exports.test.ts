import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import createKafkaModule from '../../../runtime/modules/k6/x/kafka.ts';
import { FakeVU } from './fake-vu.ts';

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
