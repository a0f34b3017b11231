/** xk6-kafka v2.1 behaviour (docs/k6-compatibility.md#xk6-kafka): partitioner, header text, per-call metric derivation, config mapping. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consistentRandom, createBalancer } from '../../../runtime/modules/k6/x/kafka/balancers.ts';
import {
  consumedBytes,
  HeaderSizer,
  readerSample,
  writerSample,
  type ConsumeOutcome,
  type PartitionTally,
} from '../../../runtime/modules/k6/x/kafka/call-metrics.ts';
import { crc32 } from '../../../runtime/modules/k6/x/kafka/crc32.ts';
import { goFloat, goTextLength } from '../../../runtime/modules/k6/x/kafka/go-text.ts';
import type { ReaderSample, WriterSample } from '../../../runtime/modules/k6/x/kafka/metrics.ts';
import { decodeReaderConfig } from '../../../runtime/modules/k6/x/kafka/reader-config.ts';
import { decodeWriterConfig } from '../../../runtime/modules/k6/x/kafka/writer-config.ts';

const brokers = ['localhost:9092'];

describe('consistent_random partitioner', () => {
  it('is zlib CRC-32 of the key bytes, for text and bytes, short and long', () => {
    // reference values from Python's zlib.crc32
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32('user-1'), 2116437524);
    assert.equal(crc32(new TextEncoder().encode('user-42')), 2097592435);
    assert.equal(crc32('ключ'), 212833818);
    assert.equal(crc32('x'.repeat(100)), crc32(new TextEncoder().encode('x'.repeat(100))));
    assert.equal(crc32(''), 0);
  });
  it('sends a key to CRC-32 mod the partition count, and keyless records anywhere', () => {
    assert.equal(consistentRandom('t', 'user-1', 0, 6), 2);
    assert.equal(consistentRandom('t', new TextEncoder().encode('order-7'), 0, 6), 2);
    const keyless = new Set<number>();
    for (let i = 0; i < 200; i++) keyless.add(consistentRandom('t', i % 2 ? null : '', 0, 3));
    assert.deepEqual([...keyless].sort(), [0, 1, 2]);
  });
  it('is the default when no balancer is set', () => {
    assert.equal(createBalancer(undefined), consistentRandom);
  });
});

describe("header values as Go's %v prints them", () => {
  it('formats numbers as float64', () => {
    assert.deepEqual([1, 42, 1e6, 123456, 1.7e12, 0.0001, 1e-5, -2e-7, 1.5, NaN, Infinity].map(goFloat), [
      '1',
      '42',
      '1e+06',
      '123456',
      '1.7e+12',
      '0.0001',
      '1e-05',
      '-2e-07',
      '1.5',
      'NaN',
      '+Inf',
    ]);
  });
  it('counts text, scalars, byte slices and nil', () => {
    assert.equal(goTextLength('ключ'), 8);
    assert.equal(goTextLength(true), 4);
    assert.equal(goTextLength(1e6), 5);
    assert.equal(goTextLength(new Uint8Array([0, 255, 10])), '[0 255 10]'.length);
    assert.equal(goTextLength(new Uint8Array()), 2);
    assert.equal(goTextLength(null), '<nil>'.length);
  });
  it('sums header names and value texts, record after record', () => {
    const sizer = new HeaderSizer();
    const bytes = new Uint8Array([1, 2]);
    assert.equal(sizer.size({ 'sp-run': 'run-1', n: 7 }), 6 + 5 + 1 + 1);
    assert.equal(sizer.size({ 'sp-run': 'run-1', n: 1000000 }), 6 + 5 + 1 + '1e+06'.length);
    assert.equal(sizer.size({ n: 7, 'sp-run': 'run-12' }), 1 + 1 + 6 + 6);
    assert.equal(sizer.size({ b: bytes }), 1 + '[1 2]'.length);
    bytes[0] = 100;
    assert.equal(sizer.size({ b: bytes }), 1 + '[100 2]'.length);
    assert.equal(sizer.size({ b: 'ü' }), 1 + 2);
    assert.equal(sizer.size(undefined), 0);
  });
});

const writerGauges = { attempts_max: 0, batch_max: 0, batch_timeout: 0, read_timeout: 0, write_timeout: 0, acks_required: 0 };

describe('writer samples per call (v2.1)', () => {
  it('counts every message as a write, with per-message batch averages', () => {
    const s = writerSample({ topic: 't', messages: 4, bytes: 4 * 23 + 100 }, 1, 8, false, writerGauges, {} as WriterSample);
    assert.deepEqual(s, {
      write_count: 4,
      message_count: 4,
      message_bytes: 192,
      error_count: 0,
      batch_seconds: 2,
      batch_queue_seconds: 0,
      write_seconds: 8,
      wait_seconds: 0,
      retries_count: 0,
      batch_size: 1,
      batch_bytes: 48,
      ...writerGauges,
      async: 0,
    });
  });
  it('counts a failed call as one error shared between its topics, and nothing else', () => {
    const s = writerSample({ topic: 't', messages: 4, bytes: 192 }, 2, 8, true, { ...writerGauges, acks_required: -1 }, {} as WriterSample);
    assert.equal(s.error_count, 0.5);
    for (const k of [
      'write_count',
      'message_count',
      'message_bytes',
      'batch_seconds',
      'write_seconds',
      'batch_size',
      'batch_bytes',
    ] as const) {
      assert.equal(s[k], 0, k);
    }
    assert.equal(s.acks_required, -1);
  });
  it('reports an empty call with its elapsed time and no batch averages', () => {
    const s = writerSample({ topic: '', messages: 0, bytes: 0 }, 1, 3, false, writerGauges, {} as WriterSample);
    assert.deepEqual([s.write_count, s.batch_size, s.batch_seconds, s.write_seconds], [0, 0, 0, 3]);
  });
});

const readerGauges = { fetch_bytes_min: 0, fetch_bytes_max: 0, fetch_wait_max: 0 };
const tally = (messages: number, bytes: number, lastOffset = 0, highWaterMark = 0): PartitionTally => ({
  topic: 't',
  partition: 1,
  messages,
  bytes,
  lastOffset,
  highWaterMark,
});
const call = (o: Partial<ConsumeOutcome>): ConsumeOutcome => ({
  elapsedMs: 10,
  messages: 0,
  partitions: 1,
  timedOut: false,
  failed: false,
  ...o,
});

describe('reader samples per call (v2.1)', () => {
  it('derives dials, fetches, sizes, offset and lag per partition', () => {
    const s = readerSample(tally(3, 30, 41, 45), call({ messages: 5, partitions: 2 }), readerGauges, {} as ReaderSample);
    assert.deepEqual(s, {
      dial_count: 0.5,
      fetches_count: 3.5,
      message_count: 3,
      message_bytes: 30,
      rebalance_count: 0,
      timeouts_count: 0,
      error_count: 0,
      dial_seconds: 0,
      read_seconds: 10,
      wait_seconds: 0,
      fetch_size: 3,
      fetch_bytes: 30,
      offset: 41,
      lag: 4,
      ...readerGauges,
      queue_length: 0,
      queue_capacity: 0,
    });
  });
  it('counts a timeout (expectTimeout or not) and another error apart', () => {
    const timedOut = readerSample(tally(0, 0), call({ timedOut: true, failed: true }), readerGauges, {} as ReaderSample);
    assert.deepEqual([timedOut.timeouts_count, timedOut.error_count, timedOut.dial_count, timedOut.fetches_count], [1, 0, 1, 1]);
    const expected = readerSample(tally(2, 4), call({ messages: 2, timedOut: true }), readerGauges, {} as ReaderSample);
    assert.deepEqual([expected.timeouts_count, expected.error_count, expected.fetches_count], [1, 0, 3]);
    const failed = readerSample(tally(0, 0), call({ failed: true }), readerGauges, {} as ReaderSample);
    assert.deepEqual([failed.timeouts_count, failed.error_count], [0, 1]);
  });
  it('counts consumed bytes without the producer overhead, header bytes as a Go byte slice', () => {
    const r = {
      topic: 't',
      partition: 0,
      offset: 0,
      timestamp: 0,
      key: new Uint8Array(2),
      value: new Uint8Array(5),
      headers: { h: new Uint8Array([104, 105]) },
    };
    assert.equal(consumedBytes(r as never), 2 + 5 + 1 + '[104 105]'.length);
  });
});

describe('v2.1 config mapping', () => {
  it('maps requiredAcks: unset = 0, and names the option and values on anything else', () => {
    assert.equal(decodeWriterConfig({ brokers, topic: 't' }).acks, 0);
    assert.equal(decodeWriterConfig({ brokers, topic: 't', requiredAcks: -1 }).gauges.acks_required, -1);
    assert.throws(
      () => decodeWriterConfig({ brokers, topic: 't', requiredAcks: 2 }),
      /WriterConfig\.requiredAcks must be -1 \(all\), 0 \(none, the default\) or 1 \(leader\), got 2/,
    );
  });
  it('reports the writer gauges v2 sets from the config, 0 when unset', () => {
    assert.deepEqual(decodeWriterConfig({ brokers, topic: 't' }).gauges, writerGauges);
    assert.deepEqual(
      decodeWriterConfig({
        brokers,
        topic: 't',
        batchSize: 100,
        batchTimeout: 2.5e6,
        readTimeout: 3e9,
        writeTimeout: 4e9,
        maxAttempts: 3,
        requiredAcks: 1,
      }).gauges,
      { attempts_max: 0, batch_max: 100, batch_timeout: 2, read_timeout: 3000, write_timeout: 4000, acks_required: 1 },
    );
  });
  it('reports the reader gauges v2 sets from the config, 0 when unset', () => {
    assert.deepEqual(decodeReaderConfig({ brokers, topic: 't' }).gauges, readerGauges);
    assert.deepEqual(decodeReaderConfig({ brokers, topic: 't', minBytes: 10, maxBytes: 2000, maxWait: '1.5s' }).gauges, {
      fetch_bytes_min: 10,
      fetch_bytes_max: 2000,
      fetch_wait_max: 1500,
    });
  });
});
