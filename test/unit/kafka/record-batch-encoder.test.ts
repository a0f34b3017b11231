import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32c, Reader, readRecordsBatch } from '@platformatic/kafka';
import { RecordBatchEncoder, type RecordSource } from '../../../runtime/modules/k6/x/kafka/produce/record-batch-encoder.ts';

const NOW = 1_700_000_000_123;

function decode(batch: Buffer) {
  const reader = Reader.from(batch);
  const decoded = readRecordsBatch(reader);
  assert.equal(reader.position, batch.length, 'the batch is consumed exactly');
  return decoded;
}

/** Walks the records by their length prefixes, which the library's reader does not check. */
function assertRecordLengths(batch: Buffer, count: number): void {
  let at = 61;
  for (let i = 0; i < count; i++) {
    let z = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = batch[at++]!;
      z += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    at += z / 2;
  }
  assert.equal(at, batch.length);
}

const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'));

describe('RecordBatchEncoder', () => {
  it('encodes a batch the library decodes field by field, with a valid CRC32C', () => {
    const records: RecordSource[] = [
      { key: 'k1', value: 'v1', headers: { 'sp-run': 'run-1', 'sp-seq': '0' } },
      { key: new Uint8Array([1, 2, 3]), value: new Uint8Array([4, 5]), time: new Date(NOW - 5000) },
      { key: 'ключ', value: '値 ✓ 😀', headers: { h: new Uint8Array([0, 255]), n: 7, o: { a: 1 } }, time: new Date(NOW + 250) },
    ];
    const batch = new RecordBatchEncoder().encode(records, NOW);
    const b = decode(batch);
    assertRecordLengths(batch, 3);
    assert.equal(b.firstOffset, 0n);
    assert.equal(b.length, batch.length - 12);
    assert.equal(b.partitionLeaderEpoch, -1);
    assert.equal(b.magic, 2);
    assert.equal(b.attributes, 0);
    assert.equal(b.lastOffsetDelta, 2);
    assert.equal(b.firstTimestamp, BigInt(NOW));
    assert.equal(b.maxTimestamp, BigInt(NOW + 250));
    assert.equal(b.producerId, -1n);
    assert.equal(b.producerEpoch, -1);
    assert.equal(b.firstSequence, -1);
    assert.equal(b.crc, crc32c(batch.subarray(21)));
    assert.equal(b.records.length, 3);

    const [r0, r1, r2] = b.records;
    assert.deepEqual([r0!.offsetDelta, r1!.offsetDelta, r2!.offsetDelta], [0, 1, 2]);
    assert.deepEqual([r0!.timestampDelta, r1!.timestampDelta, r2!.timestampDelta], [0n, -5000n, 250n]);
    assert.deepEqual([r0!.attributes, r1!.attributes, r2!.attributes], [0, 0, 0]);
    assert.equal(text(r0!.key), 'k1');
    assert.equal(text(r0!.value), 'v1');
    assert.deepEqual(
      r0!.headers.map(([k, v]) => [text(k), text(v)]),
      [
        ['sp-run', 'run-1'],
        ['sp-seq', '0'],
      ],
    );
    assert.deepEqual([...r1!.key!], [1, 2, 3]);
    assert.deepEqual([...r1!.value!], [4, 5]);
    assert.deepEqual(r1!.headers, []);
    assert.equal(text(r2!.key), 'ключ');
    assert.equal(text(r2!.value), '値 ✓ 😀');
    assert.deepEqual(
      r2!.headers.map(([k]) => text(k)),
      ['h', 'n', 'o'],
    );
    assert.deepEqual([...r2!.headers[0]![1]!], [0, 255]);
    assert.equal(text(r2!.headers[1]![1]), '7');
    assert.equal(text(r2!.headers[2]![1]), '{"a":1}');
  });

  it('writes null keys and values as -1 and empty headers as a zero count', () => {
    const b = decode(new RecordBatchEncoder().encode([{ value: 'only' }, { key: null, value: null, headers: {} }], NOW));
    assert.equal(b.records[0]!.key, null);
    assert.equal(text(b.records[0]!.value), 'only');
    assert.equal(b.records[1]!.key, null);
    assert.equal(b.records[1]!.value, null);
    assert.deepEqual(b.records[1]!.headers, []);
    assert.equal(b.maxTimestamp, BigInt(NOW));
  });

  it('keeps lengths right when varint widths change between records and grows its scratch buffer', () => {
    const encoder = new RecordBatchEncoder(16); // a new slab for nearly every record
    const headers: Record<string, string> = {};
    for (let i = 0; i < 70; i++) headers[`h${i}`] = `v${i}`;
    const records: RecordSource[] = [
      { value: 'a' },
      { value: 'x'.repeat(100_000) },
      { value: 'é'.repeat(40) }, // 40 chars but 80 bytes: the length varint widens after writing
      { value: 'b', headers },
      { value: new Uint8Array(70_000).fill(9) },
      { value: 'c' },
    ];
    for (let round = 0; round < 2; round++) {
      const batch = encoder.encode(records, NOW);
      const b = decode(batch);
      assertRecordLengths(batch, records.length);
      assert.equal(b.crc, crc32c(batch.subarray(21)));
      assert.deepEqual(
        b.records.map((r) => r.value!.length),
        [1, 100_000, 80, 1, 70_000, 1],
      );
      assert.equal(text(b.records[2]!.value), 'é'.repeat(40));
      assert.equal(b.records[3]!.headers.length, 70);
      assert.deepEqual(b.records[3]!.headers.map(([k, v]) => `${text(k)}=${text(v)}`).slice(68), ['h68=v68', 'h69=v69']);
      assert.ok(b.records[4]!.value!.every((x) => x === 9));
    }
  });

  it('encodes timestamps far from the batch time and before 1970', () => {
    const early = new Date(-86_400_000);
    const late = new Date(8.64e15);
    const b = decode(new RecordBatchEncoder().encode([{ value: 'a', time: early }, { value: 'b', time: late }, { value: 'c' }], NOW));
    assert.equal(b.firstTimestamp, BigInt(early.getTime()));
    assert.equal(b.maxTimestamp, BigInt(late.getTime()));
    assert.deepEqual(
      b.records.map((r) => b.firstTimestamp + r.timestampDelta),
      [early, late, new Date(NOW)].map((d) => BigInt(d.getTime())),
    );
  });
});
