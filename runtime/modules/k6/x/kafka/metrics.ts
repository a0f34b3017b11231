/** The kafka_writer_* / kafka_reader_* metrics of spec §11.7, registered when the module is created. */
import type { MetricDef, MetricType, Tags, ValueType } from '../../../../metrics/metric.ts';
import type { VUContext } from '../../../../vu/context.ts';

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
export type ReaderSample = Partial<Record<Exclude<keyof typeof readerDefs, 'fetch_bytes'>, number>> & {
  fetch_bytes?: readonly [min: number, max: number];
};

function defineAll<K extends string>(vu: VUContext, prefix: string, defs: Record<K, readonly [MetricType, ValueType]>) {
  const out = {} as Record<K, MetricDef>;
  for (const name of Object.keys(defs) as K[]) {
    const [type, contains] = defs[name];
    out[name] = vu.defineMetric(`${prefix}${name}`, type, contains);
  }
  return out;
}

export class KafkaMetrics {
  private readonly writer: Record<keyof typeof writerDefs, MetricDef>;
  private readonly reader: Record<keyof typeof readerDefs, MetricDef>;

  /** one frozen object per tag set, so the VU reuses its series instead of keying every sample */
  private readonly tagSets = new Map<string, Tags>();

  private intern(tags: Tags): Tags {
    const key = Object.entries(tags).join('\0');
    let interned = this.tagSets.get(key);
    if (!interned) this.tagSets.set(key, (interned = Object.freeze({ ...tags })));
    return interned;
  }

  constructor(private readonly vu: VUContext) {
    this.writer = defineAll(vu, 'kafka_writer_', writerDefs);
    this.reader = defineAll(vu, 'kafka_reader_', readerDefs);
  }

  emitWriter(sample: WriterSample, tags: Tags): void {
    tags = this.intern(tags);
    for (const name of Object.keys(sample) as (keyof WriterSample)[]) this.vu.emit(this.writer[name], sample[name], tags);
  }

  emitReader(sample: ReaderSample, tags: Tags): void {
    tags = this.intern(tags);
    for (const [name, value] of Object.entries(sample)) {
      const metric = this.reader[name as keyof typeof readerDefs];
      if (typeof value === 'number') this.vu.emit(metric, value, tags);
      else if (value) for (const v of value as readonly number[]) this.vu.emit(metric, v, tags);
    }
  }
}
