/** The kafka_writer_* / kafka_reader_* metrics of docs/k6-compatibility.md#xk6-kafka, registered when the module is created. */
import type { MetricDef, MetricType, Tags, ValueType } from '../../../../metrics/metric.ts';
import type { VUContext } from '../../../../vu-context/context.ts';

const writerDefs = {
  write_count: ['counter', 'default'],
  message_count: ['counter', 'default'],
  message_bytes: ['counter', 'data'],
  error_count: ['counter', 'default'],
  batch_seconds: ['trend', 'time'],
  batch_queue_seconds: ['trend', 'time'],
  write_seconds: ['trend', 'time'],
  wait_seconds: ['trend', 'time'],
  retries_count: ['counter', 'default'],
  batch_size: ['counter', 'default'],
  batch_bytes: ['counter', 'data'],
  attempts_max: ['gauge', 'default'],
  batch_max: ['gauge', 'default'],
  batch_timeout: ['gauge', 'time'],
  read_timeout: ['gauge', 'time'],
  write_timeout: ['gauge', 'time'],
  acks_required: ['gauge', 'default'],
  async: ['rate', 'default'],
} as const satisfies Record<string, readonly [MetricType, ValueType]>;

const readerDefs = {
  dial_count: ['counter', 'default'],
  fetches_count: ['counter', 'default'],
  message_count: ['counter', 'default'],
  message_bytes: ['counter', 'data'],
  rebalance_count: ['counter', 'default'],
  timeouts_count: ['counter', 'default'],
  error_count: ['counter', 'default'],
  dial_seconds: ['trend', 'time'],
  read_seconds: ['trend', 'time'],
  wait_seconds: ['trend', 'time'],
  fetch_size: ['counter', 'default'],
  fetch_bytes: ['counter', 'data'],
  offset: ['gauge', 'default'],
  lag: ['gauge', 'default'],
  fetch_bytes_min: ['gauge', 'default'],
  fetch_bytes_max: ['gauge', 'default'],
  fetch_wait_max: ['gauge', 'time'],
  queue_length: ['gauge', 'default'],
  queue_capacity: ['gauge', 'default'],
} as const satisfies Record<string, readonly [MetricType, ValueType]>;

export type WriterSample = Record<keyof typeof writerDefs, number>;
export type ReaderSample = Record<keyof typeof readerDefs, number>;

const writerNames = Object.keys(writerDefs) as (keyof WriterSample)[];
const readerNames = Object.keys(readerDefs) as (keyof ReaderSample)[];

function defineAll<K extends string>(vu: VUContext, prefix: string, defs: Record<K, readonly [MetricType, ValueType]>) {
  const out = {} as Record<K, MetricDef>;
  for (const name of Object.keys(defs) as K[]) {
    const [type, contains] = defs[name];
    out[name] = vu.defineMetric(`${prefix}${name}`, type, contains);
  }
  return out;
}

/** Frozen tag sets by their values, so the VU reuses its series instead of keying every sample. */
class TagCache {
  private readonly sets = new Map<string, Tags>();

  get(key: string, build: () => Tags): Tags {
    let tags = this.sets.get(key);
    if (!tags) this.sets.set(key, (tags = Object.freeze(build())));
    return tags;
  }
}

export class KafkaMetrics {
  private readonly writer: Record<keyof typeof writerDefs, MetricDef>;
  private readonly reader: Record<keyof typeof readerDefs, MetricDef>;
  private readonly writerTags = new TagCache();
  private readonly readerTags = new TagCache();

  constructor(private readonly vu: VUContext) {
    this.writer = defineAll(vu, 'kafka_writer_', writerDefs);
    this.reader = defineAll(vu, 'kafka_reader_', readerDefs);
  }

  /** xk6-kafka v2 tags writer samples with the topic only. */
  emitWriter(sample: WriterSample, topic: string): void {
    const tags = this.writerTags.get(topic, () => ({ topic }));
    for (const name of writerNames) this.vu.emit(this.writer[name], sample[name], tags);
  }

  emitReader(sample: ReaderSample, topic: string, clientid: string, partition: number): void {
    const tags = this.readerTags.get(`${topic}\0${clientid}\0${partition}`, () => ({ topic, clientid, partition: String(partition) }));
    for (const name of readerNames) this.vu.emit(this.reader[name], sample[name], tags);
  }
}
