import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRecordsBatch, Writer } from '@platformatic/kafka';
import { TimeFormatter } from '../../../runtime/modules/k6/x/kafka/consumed-message.ts';
import { decodeFetchResponse } from '../../../runtime/modules/k6/x/kafka/consume/fetch-response.ts';
import {
  scanRecordBatches,
  type AbortedTransactions,
  type DecodedRecord,
  type RecordBatchRef,
} from '../../../runtime/modules/k6/x/kafka/consume/record-batch-decoder.ts';
import { RecordStream } from '../../../runtime/modules/k6/x/kafka/consume/record-stream.ts';

const at = (fromOffset = 0) => ({ topic: 't', partition: 3, fromOffset, visibleAt: 1_700_000_000_000 });
/** scan + decode everything, as a fetch then consume() would; returns the next fetch offset */
function decodeRecordBatches(
  buf: Buffer,
  start: number,
  end: number,
  source: ReturnType<typeof at>,
  out: DecodedRecord[],
  aborted?: AbortedTransactions,
): number {
  const refs: RecordBatchRef[] = [];
  const next = scanRecordBatches(buf, start, end, source, refs, aborted);
  const stream = new RecordStream();
  stream.push(refs);
  out.push(...stream.take(Infinity));
  return next;
}

const text = (u: Uint8Array | null) => (u === null ? null : Buffer.from(u).toString());

interface Msg {
  key?: Buffer;
  value?: Buffer;
  headers?: Map<Buffer, Buffer>;
  timestamp: bigint;
}

/** A batch encoded by @platformatic/kafka's producer code, placed at `baseOffset` as the broker would. */
function batch(baseOffset: number, messages: Msg[], options: Record<string, unknown> = {}): Buffer {
  const encoded = createRecordsBatch(messages.map((m) => ({ ...m, topic: 't', partition: 3 })) as never, options as never).buffer;
  const buf = Buffer.from(encoded);
  buf.writeBigInt64BE(BigInt(baseOffset), 0);
  return buf;
}

const headers = (pairs: [string, string][]) => new Map(pairs.map(([k, v]) => [Buffer.from(k), Buffer.from(v)]));

describe('RecordBatch v2 decoder', () => {
  const t0 = 1_714_979_289_123n;
  const messages: Msg[] = [
    {
      key: Buffer.from('k1'),
      value: Buffer.from('v1'),
      headers: headers([
        ['a', '1'],
        ['b', 'two'],
        ['a', 'last'],
      ]),
      timestamp: t0,
    },
    { value: Buffer.from('keyless'), timestamp: t0 + 5n },
    { key: Buffer.from('k3'), value: Buffer.alloc(0), headers: headers([['e', '']]), timestamp: t0 - 1000n },
  ];

  it('round-trips records produced by @platformatic/kafka: keys, null keys, headers, offsets, timestamps', () => {
    const out: DecodedRecord[] = [];
    const buf = batch(100, messages);
    assert.equal(decodeRecordBatches(buf, 0, buf.length, at(), out), 103);
    assert.deepEqual(
      out.map((r) => [r.topic, r.partition, r.offset, r.timestamp]),
      [
        ['t', 3, 100, Number(t0)],
        ['t', 3, 101, Number(t0) + 5],
        ['t', 3, 102, Number(t0) - 1000],
      ],
    );
    assert.deepEqual(
      out.map((r) => [text(r.key), text(r.value)]),
      [
        ['k1', 'v1'],
        [null, 'keyless'],
        ['k3', null],
      ],
    );
    assert.deepEqual(Object.fromEntries(Object.entries(out[0].headers).map(([k, v]) => [k, text(v)])), { a: 'last', b: 'two' });
    assert.deepEqual(out[1].headers, {});
    assert.deepEqual([...out[2].headers.e], []);
    assert.ok(!Buffer.isBuffer(out[0].value) && out[0].value instanceof Uint8Array, 'scripts get plain byte views');
  });

  it('decodes several batches, drops records before fromOffset and stops at a partial batch', () => {
    const buf = Buffer.concat([batch(0, messages), batch(3, messages.slice(0, 2))]);
    const out: DecodedRecord[] = [];
    assert.equal(decodeRecordBatches(buf, 0, buf.length - 1, at(2), out), 3, 'the truncated second batch is left for the next fetch');
    assert.deepEqual(
      out.map((r) => r.offset),
      [2],
    );
    const all: DecodedRecord[] = [];
    assert.equal(decodeRecordBatches(buf, 0, buf.length, at(2), all), 5);
    assert.deepEqual(
      all.map((r) => r.offset),
      [2, 3, 4],
    );
  });

  it('takes records across batches in limit-sized slices, decoding only what is taken', () => {
    const refs: RecordBatchRef[] = [];
    const buf = Buffer.concat([batch(0, messages), batch(3, messages), batch(6, messages, { compression: 'gzip' })]);
    scanRecordBatches(buf, 0, buf.length, at(1), refs);
    const stream = new RecordStream();
    stream.push(refs);
    assert.equal(stream.length, 9, 'counts whole batches until decoded');
    assert.deepEqual(
      stream.take(4).map((r) => r.offset),
      [1, 2, 3, 4],
    );
    assert.equal(stream.length, 4);
    assert.deepEqual(
      stream.take(10).map((r) => r.offset),
      [5, 6, 7, 8],
    );
    assert.equal(stream.length, 0);
    assert.deepEqual(stream.take(10), []);
  });

  it('decompresses gzip batches', () => {
    const buf = batch(7, messages, { compression: 'gzip' });
    const out: DecodedRecord[] = [];
    decodeRecordBatches(buf, 0, buf.length, at(), out);
    assert.deepEqual(
      out.map((r) => [r.offset, text(r.value)]),
      [
        [7, 'v1'],
        [8, 'keyless'],
        [9, null],
      ],
    );
  });

  it('read_committed skips aborted transactions and control batches', () => {
    const txn = { transactionalId: 'tx', producerId: 42n, producerEpoch: 0 };
    const control = batch(2, [{ key: Buffer.from([0, 0, 0, 0]), value: Buffer.from([0, 0, 0, 0, 0, 0]), timestamp: t0 }], txn);
    control.writeInt16BE(control.readInt16BE(21) | 0x20, 21); // the abort marker (CRC is not checked)
    const buf = Buffer.concat([batch(0, messages.slice(0, 2), txn), control, batch(3, messages.slice(1, 2))]);
    const committed: DecodedRecord[] = [];
    decodeRecordBatches(buf, 0, buf.length, at(), committed, [{ producerId: 42, firstOffset: 0 }]);
    assert.deepEqual(
      committed.map((r) => r.offset),
      [3],
    );
    const uncommitted: DecodedRecord[] = [];
    decodeRecordBatches(buf, 0, buf.length, at(), uncommitted);
    assert.deepEqual(
      uncommitted.map((r) => r.offset),
      [0, 1, 3],
    );
  });
});

describe('Fetch response decoder', () => {
  const topicId = '0123456789abcdef0123456789abcdef';
  const request = new Map([
    [
      topicId,
      {
        topic: 'orders',
        wireId: topicId,
        offsets: new Map([
          [0, 1],
          [1, 0],
        ]),
      },
    ],
  ]);

  function response(records: Buffer, errorCode = 0): Buffer {
    return Writer.create()
      .appendInt32(0)
      .appendInt16(0)
      .appendInt32(0)
      .appendArray([0], (w) => {
        w.append(Buffer.from(topicId, 'hex')).appendArray([0, 1], (pw, partition) => {
          pw.appendInt32(partition)
            .appendInt16(partition === 1 ? errorCode : 0)
            .appendInt64(partition === 0 ? 99n : 0n)
            .appendInt64(0n)
            .appendInt64(0n)
            .appendArray(null, () => {})
            .appendInt32(-1)
            .appendUnsignedVarInt(partition === 0 ? records.length + 1 : 0);
          if (partition === 0) pw.append(records);
        });
      })
      .appendTaggedFields().buffer;
  }

  it('maps topic ids back to names and decodes each partition from its requested offset', () => {
    const records = batch(0, [
      { value: Buffer.from('a'), timestamp: 1n },
      { value: Buffer.from('b'), timestamp: 2n },
    ]);
    const [p0, p1] = decodeFetchResponse(response(records, 6), 17, request, false);
    const stream = new RecordStream();
    stream.push(p0.batches);
    assert.deepEqual(
      [p0.topic, p0.partition, p0.errorCode, p0.highWatermark, p0.nextOffset, p0.bytes],
      ['orders', 0, 0, 99, 2, records.length],
    );
    assert.deepEqual(
      stream.take(10).map((r) => [r.offset, text(r.value)]),
      [[1, 'b']],
    );
    assert.deepEqual([p1.partition, p1.errorCode, p1.batches.length, p1.nextOffset], [1, 6, 0, -1]);
  });
});

describe('TimeFormatter', () => {
  it('reuses the string within a second (ms with nanoPrecision) and never returns a stale one', () => {
    const t = Date.UTC(2024, 0, 2, 3, 4, 5, 120);
    const seconds = new TimeFormatter(false);
    assert.deepEqual(
      [t, t + 500, t + 900, t - 200].map((ms) => seconds.format(ms)),
      ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z', '2024-01-02T03:04:06Z', '2024-01-02T03:04:04Z'],
    );
    const nanos = new TimeFormatter(true);
    assert.deepEqual(
      [t, t, t + 1].map((ms) => nanos.format(ms)),
      ['2024-01-02T03:04:05.12Z', '2024-01-02T03:04:05.12Z', '2024-01-02T03:04:05.121Z'],
    );
  });
});
