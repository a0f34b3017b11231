/**
 * ProduceRequest v9 (API key 0) carrying record batches encoded by record-batch-encoder.ts; the response is
 * parsed by @platformatic/kafka's own v9 parser.
 */
import { createAPI, produceV9, Writer, type API } from '@platformatic/kafka';

export type ProduceResponse = produceV9.ProduceResponse;

export interface PartitionBatch {
  topic: string;
  partition: number;
  /** one encoded RecordBatch */
  records: Buffer;
}

/** Batches are grouped by topic as the request nests them; `batches` must list each topic's batches together. */
export function createProduceRequest(acks: number, timeoutMs: number, batches: readonly PartitionBatch[]): Writer {
  const topics: PartitionBatch[][] = [];
  for (const b of batches) {
    const last = topics[topics.length - 1];
    if (last && last[0]!.topic === b.topic) last.push(b);
    else topics.push([b]);
  }
  const writer = Writer.create()
    .appendString(null) // transactional_id
    .appendInt16(acks)
    .appendInt32(timeoutMs)
    .appendArray(topics, (w, partitions) => {
      w.appendString(partitions[0]!.topic).appendArray(partitions, (w, p) => {
        w.appendInt32(p.partition)
          .appendUnsignedVarInt(p.records.length + 1)
          .append(p.records);
      });
    })
    .appendTaggedFields();
  // acks=0: the broker sends no response, so the connection must not wait for one
  if (acks === 0) writer.context.noResponse = true;
  return writer;
}

/**
 * v9 is flexible but its response carries no tagged fields. From v10 the broker tags NOT_LEADER_OR_FOLLOWER
 * answers with the current leader, and @platformatic/kafka 1.35's reader misreads non-empty tagged fields
 * (its own send, at v11, then fails with "Out of bounds").
 */
export const PRODUCE_VERSION = 9;

export const produceApi: API<[acks: number, timeoutMs: number, batches: readonly PartitionBatch[]], ProduceResponse | boolean> = createAPI(
  0,
  PRODUCE_VERSION,
  createProduceRequest,
  produceV9.parseResponse,
);
