/**
 * Fetch response (v12–v17, the flexible versions @platformatic/kafka speaks) decoded without the library's
 * per-record objects: each partition's batches are only located here (scanRecordBatches) and decoded when taken.
 */
import { scanRecordBatches, type AbortedTransactions, type RecordBatchRef } from './record-batch-decoder.ts';

/** What a request asked for, by wire key: topic name (v12) or topic id as 32 hex digits (v13+). */
export type FetchRequestTopics = ReadonlyMap<string, { topic: string; wireId: string; offsets: ReadonlyMap<number, number> }>;

export interface FetchedPartition {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: number;
  batches: RecordBatchRef[];
  /** offset after the last complete batch, -1 if none (nothing new) */
  nextOffset: number;
  /** bytes of record data in the response for this partition */
  bytes: number;
}

export class FetchResponseError extends Error {
  constructor(readonly errorCode: number) {
    super(`fetch failed with Kafka error code ${errorCode}`);
  }
}

class Wire {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  int16(): number {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  int64(): number {
    const v = this.buf.readInt32BE(this.pos) * 4294967296 + this.buf.readUInt32BE(this.pos + 4);
    this.pos += 8;
    return v;
  }

  uvarint(): number {
    let v = 0;
    let mul = 1;
    let b;
    do {
      b = this.buf[this.pos++];
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    return v;
  }

  skipTaggedFields(): void {
    for (let n = this.uvarint(); n > 0; n--) {
      this.uvarint(); // tag
      this.pos += this.uvarint();
    }
  }
}

/** `body` starts after the response header; `version` is the Fetch version the request used. */
export function decodeFetchResponse(
  body: Buffer,
  version: number,
  request: FetchRequestTopics,
  readCommitted: boolean,
): FetchedPartition[] {
  const visibleAt = Date.now(); // the response is decoded as it arrives
  const w = new Wire(body);
  w.int32(); // throttle_time_ms
  const errorCode = w.int16();
  if (errorCode !== 0) throw new FetchResponseError(errorCode);
  w.int32(); // session_id
  const out: FetchedPartition[] = [];
  for (let topics = w.uvarint() - 1; topics > 0; topics--) {
    let topicKey: string;
    if (version >= 13) {
      topicKey = body.toString('hex', w.pos, w.pos + 16);
      w.pos += 16;
    } else {
      const len = w.uvarint() - 1;
      topicKey = body.toString('utf8', w.pos, w.pos + len);
      w.pos += len;
    }
    const asked = request.get(topicKey);
    if (!asked) throw new Error(`fetch response names a topic that was not requested (${topicKey})`);
    const topic = asked.topic;
    for (let partitions = w.uvarint() - 1; partitions > 0; partitions--) {
      const partition = w.int32();
      const partitionError = w.int16();
      const highWatermark = w.int64();
      w.pos += 16; // last_stable_offset, log_start_offset
      let aborted: AbortedTransactions | undefined;
      const abortedCount = w.uvarint() - 1;
      if (abortedCount >= 0) aborted = [];
      for (let n = abortedCount; n > 0; n--) {
        aborted!.push({ producerId: w.int64(), firstOffset: w.int64() });
        w.skipTaggedFields();
      }
      w.pos += 4; // preferred_read_replica
      const size = Math.max(0, w.uvarint() - 1);
      const batches: RecordBatchRef[] = [];
      const from = asked.offsets.get(partition) ?? 0;
      const at = { topic, partition, fromOffset: from, visibleAt };
      const nextOffset = scanRecordBatches(body, w.pos, w.pos + size, at, batches, readCommitted ? (aborted ?? []) : undefined);
      w.pos += size;
      w.skipTaggedFields();
      out.push({ topic, partition, errorCode: partitionError, highWatermark, batches, nextOffset, bytes: size });
    }
    w.skipTaggedFields();
  }
  return out;
}
