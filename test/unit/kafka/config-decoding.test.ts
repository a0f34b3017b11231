import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config, parseGoDurationMs } from '../../../runtime/modules/k6/x/kafka/config.ts';
import { decodeReaderConfig } from '../../../runtime/modules/k6/x/kafka/reader-config.ts';
import { decodeWriterConfig } from '../../../runtime/modules/k6/x/kafka/writer-config.ts';

const brokers = ['localhost:9092'];

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
    assert.throws(
      () => decodeReaderConfig({ brokers, groupId: 'g', topic: 't', groupTopics: ['t'] }),
      (e: any) => e.code === 3004,
    );
    assert.throws(
      () => decodeReaderConfig({ brokers, groupId: 'g', groupTopics: ['t'], partition: 1 }),
      (e: any) => e.code === 3003,
    );
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
