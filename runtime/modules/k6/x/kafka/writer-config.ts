/** WriterConfig (docs/k6-compatibility.md#xk6-kafka) decoded into the shared producer's settings. */
import type { CompressionAlgorithmValue } from '@platformatic/kafka';
import { ConfigError } from '../../../../errors.ts';
import type { WriterGauges } from './call-metrics.ts';
import { clientOptions, type ClientOptions } from './client-options.ts';
import { Config } from './config.ts';

const DEFAULT_BATCH_BYTES = 1_048_576;
const codecs = new Set(['gzip', 'snappy', 'lz4', 'zstd']);
/** Merged sends outstanding at once per shared producer; more queue up and leave as one bigger send. */
const MAX_INFLIGHT_SENDS = 4;

export interface WriterConfig {
  client: ClientOptions;
  topic: string;
  balancer: unknown;
  acks: number;
  compression?: CompressionAlgorithmValue;
  autoCreateTopic: boolean;
  batchBytes: number;
  /** messages per merged send; 0 = no limit (xk6-kafka's batchSize ≤ 1 default) */
  batchSize: number;
  /** linger before a send that is not full; only when batchTimeout is configured */
  lingerMs: number;
  writeTimeoutMs: number;
  maxAttempts: number;
  gauges: WriterGauges;
}

/** A librdkafka millisecond setting as xk6-kafka v2 sets it from a nanosecond duration: whole ms, 0 when unset. */
function settingMs(cfg: Config, name: string): number {
  const ns = cfg.num(name, 0);
  return ns > 0 ? Math.floor(ns / 1e6) : 0;
}

export function decodeWriterConfig(raw: unknown): WriterConfig {
  const cfg = new Config(raw, 'WriterConfig');
  const acks = cfg.num('requiredAcks', 0);
  if (![0, 1, -1].includes(acks)) {
    throw new ConfigError(`WriterConfig.requiredAcks must be -1 (all), 0 (none, the default) or 1 (leader), got ${acks}`);
  }
  const compression = cfg.str('compression');
  const batchSize = cfg.num('batchSize', 0);
  const batchBytes = cfg.num('batchBytes', 0);
  const maxAttempts = cfg.num('maxAttempts', 0);
  return {
    client: clientOptions(cfg, cfg.strings('brokers')),
    topic: cfg.str('topic'),
    balancer: cfg.raw('balancer'),
    acks,
    // unknown codec names are ignored, as kafka-go does
    ...(codecs.has(compression) && { compression: compression as CompressionAlgorithmValue }),
    autoCreateTopic: cfg.bool('autoCreateTopic'),
    batchBytes: batchBytes > 0 ? batchBytes : DEFAULT_BATCH_BYTES,
    batchSize: batchSize > 1 ? batchSize : 0,
    lingerMs: cfg.durationMs('batchTimeout', 0),
    writeTimeoutMs: cfg.durationMs('writeTimeout', 10_000),
    maxAttempts: maxAttempts > 0 ? maxAttempts : 10,
    gauges: {
      attempts_max: 0, // v2 sets no message.send.max.retries
      batch_max: batchSize > 0 ? batchSize : 0,
      batch_timeout: settingMs(cfg, 'batchTimeout'),
      read_timeout: settingMs(cfg, 'readTimeout'),
      write_timeout: settingMs(cfg, 'writeTimeout'),
      acks_required: acks,
    },
  };
}

export function producerSettings(w: WriterConfig) {
  return {
    acks: w.acks,
    compression: w.compression,
    autocreateTopics: w.autoCreateTopic,
    // kafka-go's batchSize is per partition; a merged send spans partitions, so only its bytes are
    // capped (at batchBytes, which keeps every partition's record batch under the broker's limit)
    maxBatchBytes: w.batchBytes,
    maxBatchMessages: 0,
    lingerMs: w.lingerMs,
    maxInflight: MAX_INFLIGHT_SENDS,
    requestTimeoutMs: w.writeTimeoutMs,
    retries: w.maxAttempts - 1,
  };
}
