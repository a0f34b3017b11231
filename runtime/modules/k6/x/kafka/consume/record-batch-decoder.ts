/**
 * Allocation-light RecordBatch v2 decoding straight from a Fetch response buffer: keys, values and header values
 * are Uint8Array views into it (no copies), offsets and timestamps plain numbers (exact below 2^53).
 */
import { compressionsAlgorithmsByBitmask } from '@platformatic/kafka';

export interface DecodedRecord {
  topic: string;
  partition: number;
  offset: number;
  /** ms since the epoch */
  timestamp: number;
  /** null when absent or empty (xk6-kafka omits empty keys/values) */
  key: Uint8Array | null;
  value: Uint8Array | null;
  /** header name → value bytes (a null value is empty); a repeated name keeps the last value, as a Go map would */
  headers: Record<string, Uint8Array>;
  /** epoch ms when the fetch response that carried the record arrived */
  visibleAt: number;
}

/** Where decoded records come from; records before fromOffset (a batch may start earlier) are dropped. */
export interface BatchSource {
  topic: string;
  partition: number;
  fromOffset: number;
  /** epoch ms when the fetch response arrived: one clock read per response, not per record */
  visibleAt: number;
}

/** Transactions a read_committed fetch must skip: producer id → first offset of its aborted transaction. */
export type AbortedTransactions = { producerId: number; firstOffset: number }[];

const BATCH_OVERHEAD = 12; // baseOffset int64 + batchLength int32
const RECORDS_START = 61;
const COMPRESSION_MASK = 0x07;
const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;

const int64 = (buf: Buffer, at: number) => buf.readInt32BE(at) * 4294967296 + buf.readUInt32BE(at + 4);

/** Cursor over one buffer; varints are Kafka's zigzag encoding. */
class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
  ) {}

  varint(): number {
    const buf = this.buf;
    let b = buf[this.pos++];
    let v = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      b = buf[this.pos++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    }
    return (v >>> 1) ^ -(v & 1);
  }

  /** 64-bit zigzag varint as a number (timestamp deltas). */
  varlong(): number {
    const buf = this.buf;
    let b = buf[this.pos++];
    if (!(b & 0x80)) return (b >>> 1) ^ -(b & 1);
    let v = b & 0x7f;
    let mul = 128;
    do {
      b = buf[this.pos++];
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  }

  /** varint length then bytes, as a view; null when absent (-1) or empty */
  bytes(): Uint8Array | null {
    const len = this.varint();
    if (len <= 0) return null;
    const start = this.pos;
    this.pos += len;
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset + start, len);
  }
}

/** Header names repeat record after record: reuse the string while the bytes at a header's index stay the same. */
class HeaderNames {
  private readonly bytes: Uint8Array[] = [];
  private readonly texts: string[] = [];

  get(buf: Buffer, start: number, len: number, index: number): string {
    const cached = this.bytes[index];
    if (cached !== undefined && cached.length === len) {
      let i = 0;
      while (i < len && cached[i] === buf[start + i]) i++;
      if (i === len) return this.texts[index];
    }
    const text = buf.toString('utf8', start, start + len);
    if (index < 16) {
      this.bytes[index] = Uint8Array.prototype.slice.call(buf, start, start + len);
      this.texts[index] = text;
    }
    return text;
  }
}

const headerNames = new HeaderNames();

/**
 * One fetched batch of data records, decoded lazily by readRecords: buffered records stay compact bytes until a
 * consume() takes them, so they die young instead of filling the old generation.
 */
export interface RecordBatchRef extends BatchSource {
  buf: Buffer;
  /** position of the next record (in the decompressed buffer once decompressed) */
  pos: number;
  /** records not read yet (some may fall before fromOffset) */
  remaining: number;
  baseOffset: number;
  firstTimestamp: number;
  /** compression bitmask still to undo, 0 once plain */
  compression: number;
}

/** Decodes up to `max` records of `ref` into `out`, advancing it. */
export function readRecords(ref: RecordBatchRef, max: number, out: DecodedRecord[]): void {
  if (ref.compression !== 0) {
    ref.buf = decompress(ref.compression, ref.buf.subarray(ref.pos));
    ref.pos = 0;
    ref.compression = 0;
  }
  const c = new Cursor(ref.buf, ref.pos);
  const { buf } = c;
  const { topic, partition, fromOffset, baseOffset, firstTimestamp, visibleAt } = ref;
  let added = 0;
  while (ref.remaining > 0 && added < max) {
    ref.remaining--;
    const length = c.varint();
    const end = c.pos + length;
    c.pos++; // attributes (unused in v2)
    const timestamp = firstTimestamp + c.varlong();
    const offset = baseOffset + c.varint();
    if (offset < fromOffset) {
      c.pos = end;
      continue;
    }
    const key = c.bytes();
    const value = c.bytes();
    const headers: Record<string, Uint8Array> = {};
    for (let n = c.varint(), index = 0; index < n; index++) {
      const keyLen = c.varint();
      const name = headerNames.get(buf, c.pos, keyLen, index);
      c.pos += keyLen;
      headers[name] = c.bytes() ?? new Uint8Array(0);
    }
    c.pos = end;
    out.push({ topic, partition, offset, timestamp, key, value, headers, visibleAt });
    added++;
  }
  ref.pos = c.pos;
}

/**
 * Finds the complete batches in buf[start, end) (a fetch may end in a partial batch) and appends a reference to
 * each batch holding data records to `out`. Returns the offset after the last complete batch, or -1 if there was
 * none. With `aborted` (read_committed) batches of aborted transactions are skipped.
 */
export function scanRecordBatches(
  buf: Buffer,
  start: number,
  end: number,
  at: BatchSource,
  out: RecordBatchRef[],
  aborted?: AbortedTransactions,
): number {
  let next = -1;
  let pos = start;
  const abortedPending = aborted ? [...aborted].sort((a, b) => a.firstOffset - b.firstOffset) : [];
  const abortedActive = new Set<number>();
  while (end - pos >= BATCH_OVERHEAD) {
    const batchEnd = pos + BATCH_OVERHEAD + buf.readInt32BE(pos + 8);
    if (batchEnd > end) break;
    const baseOffset = int64(buf, pos);
    const magic = buf.readInt8(pos + 16);
    if (magic !== 2)
      throw new Error(`unsupported Kafka record batch format (magic ${magic}); streamprobe reads message format v2 (Kafka ≥ 0.11)`);
    const attributes = buf.readInt16BE(pos + 21);
    const lastOffset = baseOffset + buf.readInt32BE(pos + 23);
    next = lastOffset + 1;
    const producerId = int64(buf, pos + 43);
    while (abortedPending.length > 0 && abortedPending[0].firstOffset <= baseOffset) abortedActive.add(abortedPending.shift()!.producerId);
    if (attributes & CONTROL) {
      if (attributes & TRANSACTIONAL) abortedActive.delete(producerId); // a commit/abort marker ends the transaction
    } else if (lastOffset >= at.fromOffset && !(attributes & TRANSACTIONAL && abortedActive.has(producerId))) {
      const compression = attributes & COMPRESSION_MASK;
      out.push({
        topic: at.topic,
        partition: at.partition,
        fromOffset: at.fromOffset,
        visibleAt: at.visibleAt,
        buf: compression === 0 ? buf : buf.subarray(0, batchEnd),
        pos: pos + RECORDS_START,
        remaining: buf.readInt32BE(pos + 57),
        baseOffset,
        firstTimestamp: int64(buf, pos + 27),
        compression,
      });
    }
    pos = batchEnd;
  }
  return next;
}

function decompress(bitmask: number, data: Buffer): Buffer {
  const algorithm = compressionsAlgorithmsByBitmask[bitmask];
  if (!algorithm) throw new Error(`unsupported compression (attributes bitmask ${bitmask}) in a fetched record batch`);
  return algorithm.decompressSync(data) as Buffer;
}
