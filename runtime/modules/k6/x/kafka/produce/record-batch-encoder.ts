/**
 * Encoder of one partition's Kafka RecordBatch v2 (magic 2): uncompressed, CreateTime, no producer id.
 * Every field is written in place into a slab the encoder owns, and a batch is handed out as a view of
 * its slab (a new slab starts when one is full), so a record costs no Buffer allocation or copy; header
 * keys repeat across records, so their bytes are cached.
 */
import { goText } from '../go-text.ts';
import { crc32c } from './crc32c.ts';

/** A message as a script gives it; the encoder reads it directly, without an intermediate object. */
export interface RecordSource {
  /** bytes, or text written as UTF-8; null/undefined = null */
  key?: Uint8Array | string | null;
  value?: Uint8Array | string | null;
  /** values as go-text.ts goText() words them */
  headers?: Readonly<Record<string, unknown>> | null;
  /** a Date sets the record's CreateTime; otherwise the batch time */
  time?: unknown;
}

/** Byte offsets inside the batch header (Kafka's DefaultRecordBatch layout). */
const LENGTH_AT = 8;
const LEADER_EPOCH_AT = 12;
const MAGIC_AT = 16;
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const BASE_TIMESTAMP_AT = 27;
const MAX_TIMESTAMP_AT = 35;
const PRODUCER_ID_AT = 43;
const COUNT_AT = 57;
const BATCH_HEADER_BYTES = 61;

const SLAB_BYTES = 1024 * 1024;
const MAX_CACHED_HEADER_KEYS = 1024;
/** Text up to this length is copied by a JS loop while it is ASCII: cheaper than a native call. */
const SHORT_TEXT = 64;
/** attributes + the widest timestampDelta + offsetDelta */
const RECORD_PREFIX_MAX_BYTES = 1 + 10 + 5;

/** Bytes of the zig-zag varint of a non-negative int32. */
function varintSize(n: number): number {
  const z = n * 2;
  return z < 0x80 ? 1 : z < 0x4000 ? 2 : z < 0x200000 ? 3 : z < 0x10000000 ? 4 : 5;
}

/** Timestamps fit 48 bits for ±4000 years; only wider values need a BigInt. */
function writeInt64(buf: Buffer, value: number, at: number): void {
  if (Math.abs(value) < 2 ** 47) {
    buf.writeInt16BE(value < 0 ? -1 : 0, at);
    buf.writeIntBE(value, at + 2, 6);
  } else {
    buf.writeBigInt64BE(BigInt(value), at);
  }
}

function encodedHeaderKey(key: string): Buffer {
  const bytes = Buffer.byteLength(key, 'utf8');
  const out = Buffer.allocUnsafe(varintSize(bytes) + bytes);
  let z = bytes * 2;
  let at = 0;
  while (z > 0x7f) {
    out[at++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  out[at++] = z;
  out.write(key, at, 'utf8');
  return out;
}

export class RecordBatchEncoder {
  private buf: Buffer;
  /** where the batch being encoded starts in `buf`; saved positions are relative to it, as a slab change moves it */
  private start = 0;
  private at = 0;
  private readonly headerKeys = new Map<string, Buffer>();
  /** the previous record's header keys by position: records built alike repeat them, so one === finds them */
  private readonly recentKeys: string[] = [];
  private readonly recentEncoded: Buffer[] = [];
  /** varint bytes reserved for the next record's length: the previous record's, right for uniform records */
  private lengthGuess = 2;

  constructor(private readonly slabBytes = SLAB_BYTES) {
    this.buf = Buffer.allocUnsafe(slabBytes);
  }

  /**
   * One RecordBatch of `records` (at least one); records without a Date `time` get `nowMs`. The result is
   * a view of the encoder's slab, never written again.
   */
  encode(records: readonly RecordSource[], nowMs: number): Buffer {
    this.start = this.at;
    this.ensure(BATCH_HEADER_BYTES);
    this.at += BATCH_HEADER_BYTES;
    const base = timestampOf(records[0]!, nowMs);
    let max = base;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const ts = i === 0 ? base : timestampOf(r, nowMs);
      if (ts > max) max = ts;
      this.record(r, ts - base, i);
    }
    const out = this.buf.subarray(this.start, this.at);
    out.fill(0, 0, LENGTH_AT); // baseOffset 0: the broker assigns offsets
    out.writeInt32BE(out.length - LEADER_EPOCH_AT, LENGTH_AT);
    out.writeInt32BE(-1, LEADER_EPOCH_AT);
    out.writeInt8(2, MAGIC_AT);
    out.writeInt16BE(0, ATTRIBUTES_AT);
    out.writeInt32BE(records.length - 1, LAST_OFFSET_DELTA_AT);
    writeInt64(out, base, BASE_TIMESTAMP_AT);
    writeInt64(out, max, MAX_TIMESTAMP_AT);
    out.fill(0xff, PRODUCER_ID_AT, COUNT_AT); // producerId, producerEpoch and baseSequence -1
    out.writeInt32BE(records.length, COUNT_AT);
    out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_AT)), CRC_AT);
    return out;
  }

  private record(r: RecordSource, timestampDelta: number, offsetDelta: number): void {
    const guess = this.lengthGuess;
    this.ensure(guess + RECORD_PREFIX_MAX_BYTES);
    const lengthAt = this.at - this.start;
    this.at += guess;
    this.buf[this.at++] = 0; // attributes
    this.varlong(timestampDelta);
    this.varint(offsetDelta);
    this.content(r.key);
    this.content(r.value);
    this.headers(r.headers);
    this.lengthGuess = this.prefixLength(lengthAt, guess, this.at - this.start - lengthAt - guess);
  }

  private headers(headers: Readonly<Record<string, unknown>> | null | undefined): void {
    this.ensure(1);
    if (!headers) {
      this.buf[this.at++] = 0;
      return;
    }
    const countAt = this.at - this.start;
    this.at++;
    let count = 0;
    for (const key in headers) {
      this.headerKey(key, count);
      this.content(goText(headers[key]));
      count++;
    }
    if (count < 64) this.buf[this.start + countAt] = count * 2;
    else this.prefixLength(countAt, 1, this.at - this.start - countAt - 1, count);
  }

  private headerKey(key: string, position: number): void {
    let encoded: Buffer | undefined;
    if (this.recentKeys[position] === key) {
      encoded = this.recentEncoded[position]!;
    } else {
      encoded = this.headerKeys.get(key);
      if (!encoded) {
        if (this.headerKeys.size >= MAX_CACHED_HEADER_KEYS) this.headerKeys.clear();
        this.headerKeys.set(key, (encoded = encodedHeaderKey(key)));
      }
      if (position < MAX_CACHED_HEADER_KEYS) {
        this.recentKeys[position] = key;
        this.recentEncoded[position] = encoded;
      }
    }
    this.ensure(encoded.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < encoded.length; i++) buf[at++] = encoded[i]!;
    this.at = at;
  }

  /** Varint length + bytes; text is UTF-8-encoded straight into the slab. */
  private content(content: Uint8Array | string | null | undefined): void {
    if (content === null || content === undefined) {
      this.ensure(1);
      this.buf[this.at++] = 1; // zig-zag -1: null
    } else if (typeof content === 'string') {
      this.text(content);
    } else {
      this.ensure(5 + content.length);
      this.varint(content.length);
      this.buf.set(content, this.at);
      this.at += content.length;
    }
  }

  private text(text: string): void {
    const chars = text.length;
    const guess = varintSize(chars); // exact for ASCII
    this.ensure(guess + chars * 3);
    const buf = this.buf;
    const lengthAt = this.at - this.start;
    const textAt = this.at + guess;
    if (chars <= SHORT_TEXT) {
      let i = 0;
      for (; i < chars; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        buf[textAt + i] = c;
      }
      if (i === chars) {
        this.varint(chars);
        this.at += chars;
        return;
      }
    }
    const written = buf.write(text, textAt, 'utf8');
    this.at = textAt + written;
    this.prefixLength(lengthAt, guess, written);
  }

  /**
   * Writes `value` (default: the `length` bytes that follow) as a varint at `lengthAt` (relative to the
   * batch start), where `reserved` bytes were left for it; moves those bytes when the varint needs a
   * different width. Returns the width.
   */
  private prefixLength(lengthAt: number, reserved: number, length: number, value = length): number {
    const width = varintSize(value);
    if (width !== reserved) {
      this.ensure(width - reserved);
      const from = this.start + lengthAt + reserved;
      this.buf.copyWithin(this.start + lengthAt + width, from, from + length);
      this.at += width - reserved;
    }
    const end = this.at;
    this.at = this.start + lengthAt;
    this.varint(value);
    this.at = end;
    return width;
  }

  /** Zig-zag varint of an int32 (capacity already ensured). */
  private varint(n: number): void {
    const buf = this.buf;
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    while (z > 0x7f) {
      buf[this.at++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    buf[this.at++] = z;
  }

  /** Zig-zag varint of a safe integer, in float math beyond 32 bits (capacity already ensured). */
  private varlong(n: number): void {
    if (n >= -0x40000000 && n < 0x40000000) return this.varint(n);
    const buf = this.buf;
    let z = n >= 0 ? n * 2 : -n * 2 - 1;
    while (z > 0x7f) {
      buf[this.at++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    buf[this.at++] = z;
  }

  /** Room for `bytes` more; when the slab is full, the batch so far moves to the start of a new one. */
  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const batchSoFar = this.at - this.start;
    const slab = Buffer.allocUnsafe(Math.max(this.slabBytes, 2 * (batchSoFar + bytes)));
    this.buf.copy(slab, 0, this.start, this.at);
    this.buf = slab;
    this.start = 0;
    this.at = batchSoFar;
  }
}

function timestampOf(r: RecordSource, nowMs: number): number {
  if (!(r.time instanceof Date)) return nowMs;
  const ms = r.time.getTime();
  return Number.isFinite(ms) ? ms : nowMs;
}
