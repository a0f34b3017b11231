/** What one produce() call hands the shared producer: the script's messages in place, plus their destinations. */
import type { MessageToProduce } from '@platformatic/kafka';
import { headerBuffer, toBuffer } from '../bytes.ts';
import type { RecordSource } from './record-batch-encoder.ts';

export interface OutgoingBatch {
  records: readonly RecordSource[];
  /** per record */
  topics: readonly string[];
  /** per record */
  partitions: readonly number[];
}

export function contentBytes(content: Uint8Array | string | null | undefined): number {
  if (content === null || content === undefined) return 0;
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
}

/** The same messages as @platformatic/kafka's Producer.send() takes them (compressed sends go through it). */
export function toLibraryMessages(batches: readonly OutgoingBatch[]): MessageToProduce<Buffer, Buffer, Buffer, Buffer>[] {
  const out: MessageToProduce<Buffer, Buffer, Buffer, Buffer>[] = [];
  for (const b of batches) {
    for (let i = 0; i < b.records.length; i++) {
      const r = b.records[i]!;
      const message: MessageToProduce<Buffer, Buffer, Buffer, Buffer> = {
        topic: b.topics[i]!,
        partition: b.partitions[i]!,
        key: toBuffer(r.key, 'key'),
        value: toBuffer(r.value, 'value'),
      };
      if (r.headers) message.headers = headerMap(r.headers);
      if (r.time instanceof Date) message.timestamp = BigInt(r.time.getTime());
      out.push(message);
    }
  }
  return out;
}

function headerMap(headers: Readonly<Record<string, unknown>>): Map<Buffer, Buffer> {
  const out = new Map<Buffer, Buffer>();
  for (const [k, v] of Object.entries(headers)) out.set(Buffer.from(k, 'utf8'), headerBuffer(v));
  return out;
}
