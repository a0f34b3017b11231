/**
 * ProduceRequest (API key 0, flexible versions 9–11, which share one layout) carrying record batches
 * encoded by record-batch.ts; the response is parsed by @platformatic/kafka's own v9 parser.
 */
import { createAPI, produceV9, Writer, type API } from '@platformatic/kafka';

export type ProduceResponse = produceV9.ProduceResponse;

export interface PartitionBatch {
  topic: string;
  partition: number;
  /** one encoded RecordBatch */
  records: Buffer;
  /** messages in it */
  count: number;
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
        w.appendInt32(p.partition).appendUnsignedVarInt(p.records.length + 1).append(p.records);
      });
    })
    .appendTaggedFields();
  // acks=0: the broker sends no response, so the connection must not wait for one
  if (acks === 0) writer.context.noResponse = true;
  return writer;
}

export const MIN_PRODUCE_VERSION = 9;
export const MAX_PRODUCE_VERSION = 11;

type ProduceApi = API<[acks: number, timeoutMs: number, batches: readonly PartitionBatch[]], ProduceResponse | boolean>;

const apis = new Map<number, ProduceApi>();

/** The request at `version` (the highest both the library and the broker speak), or undefined below v9. */
export function produceApi(version: number): ProduceApi | undefined {
  if (version < MIN_PRODUCE_VERSION || version > MAX_PRODUCE_VERSION) return undefined;
  let api = apis.get(version);
  if (!api) apis.set(version, (api = createAPI(0, version, createProduceRequest, produceV9.parseResponse)));
  return api;
}
