import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config } from '../../../runtime/modules/k6/x/kafka/config.ts';
import { decodeReaderConfig } from '../../../runtime/modules/k6/x/kafka/reader-config.ts';
import { decodeWriterConfig } from '../../../runtime/modules/k6/x/kafka/writer-config.ts';

const brokers = ['localhost:9092'];

describe('config decoding', () => {
  it('matches field names case-insensitively', () => {
    assert.equal(new Config({ groupID: 'g' }, 'x').str('groupId'), 'g');
    assert.equal(decodeReaderConfig({ brokers, groupID: 'g', groupTopics: ['t'] }).groupId, 'g');
  });
  it('parses maxWait as Go does: a duration string, not a number, no surrounding spaces, whole nanoseconds', () => {
    const maxWait = (value: unknown) => decodeReaderConfig({ brokers, topic: 't', maxWait: value }).maxWaitMs;
    assert.equal(maxWait('1h2m3.5s'), 3_723_500);
    assert.equal(maxWait('200ms'), 200);
    assert.equal(maxWait('1500us'), 1.5);
    // where the reader's own parser differed from Go's time.ParseDuration (it trimmed, and kept sub-ns fractions)
    assert.throws(() => maxWait(' 5s'), /invalid duration " 5s" for ReaderConfig.maxWait/);
    assert.equal(maxWait('1.0000000009s'), 1000);
    assert.throws(() => maxWait(1e9), /invalid duration 1000000000 for ReaderConfig.maxWait; use Go syntax like "5s"/);
    assert.throws(() => maxWait('5'), /invalid duration/); // a bare number is milliseconds in k6 options, not here
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
