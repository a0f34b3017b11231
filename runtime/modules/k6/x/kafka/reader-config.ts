/** ReaderConfig (docs/k6-compatibility.md#xk6-kafka) decoding, with xk6-kafka's group/partition rules (errors 3003, 3004). */
import type { ReaderGauges } from './call-metrics.ts';
import { clientOptions, type ClientOptions } from './client-options.ts';
import { parseGoDuration } from '../../../../units/duration.ts';
import { Config } from './config.ts';
import { ISOLATION, START_OFFSETS } from './constants.ts';
import { ErrorCode, KafkaError } from './errors.ts';

export interface ReaderConfig {
  client: ClientOptions;
  topic: string;
  partition: number;
  offset: number;
  groupId: string;
  groupTopics: string[];
  startFromLatest: boolean;
  maxWaitMs: number;
  maxWaitText: string;
  minBytes: number;
  maxBytes: number;
  queueCapacity: number;
  readCommitted: boolean;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  gauges: ReaderGauges;
  /** messages a reader asked to skip or warn about, logged once */
  warnings: string[];
}

export function decodeReaderConfig(raw: unknown): ReaderConfig {
  const cfg = new Config(raw, 'ReaderConfig');
  const groupId = cfg.str('groupId');
  const topic = cfg.str('topic');
  const partition = cfg.num('partition', 0);
  const warnings: string[] = [];
  if (groupId && topic) {
    throw new KafkaError(ErrorCode.TopicAndGroupId, 'When you specify groupID, you must set groupTopics instead of topic');
  }
  if (groupId && partition !== 0) {
    throw new KafkaError(ErrorCode.PartitionAndGroupId, 'When you specify groupID, you must not set partition');
  }
  const groupTopics = cfg.strings('groupTopics');
  if (groupId && groupTopics.length === 0)
    throw new KafkaError(ErrorCode.TopicAndGroupId, 'When you specify groupID, you must set groupTopics');
  if (!groupId && !topic)
    throw new KafkaError(ErrorCode.FailedToReadMessage, 'Unable to read messages.', 'ReaderConfig needs topic (or groupId + groupTopics)');
  const offset = cfg.num('offset', 0);
  if (groupId && offset > 0) warnings.push('ReaderConfig.offset is ignored for consumer groups; use startOffset');
  const startOffset = cfg.str('startOffset', START_OFFSETS.FIRST);
  if (startOffset !== START_OFFSETS.FIRST && startOffset !== START_OFFSETS.LAST) {
    warnings.push(`ReaderConfig.startOffset ${JSON.stringify(startOffset)} is not supported; reading from the first offset`);
  }
  // xk6-kafka v2 waits 5 s per message unless maxWait is set
  const maxWaitText = cfg.has('maxWait') ? (cfg.raw('maxWait') as string) : '5s';
  const maxWaitMs = parseGoDuration(cfg.has('maxWait') ? cfg.raw('maxWait') : '5s', 'ReaderConfig.maxWait');
  const minBytes = cfg.num('minBytes', 0);
  const maxBytes = cfg.num('maxBytes', 0);
  return {
    client: clientOptions(cfg, cfg.strings('brokers')),
    topic,
    partition,
    offset,
    groupId,
    groupTopics,
    startFromLatest: startOffset === START_OFFSETS.LAST,
    maxWaitMs: maxWaitMs > 0 ? maxWaitMs : 5_000,
    maxWaitText,
    minBytes: minBytes > 0 ? minBytes : 1,
    maxBytes: maxBytes > 0 ? maxBytes : 1_000_000,
    queueCapacity: cfg.num('queueCapacity', 0) > 0 ? cfg.num('queueCapacity') : 100,
    readCommitted: cfg.str('isolationLevel') === ISOLATION.READ_COMMITTED,
    sessionTimeoutMs: cfg.durationMs('sessionTimeout', 30_000),
    heartbeatIntervalMs: cfg.durationMs('heartbeatInterval', 3_000),
    rebalanceTimeoutMs: cfg.durationMs('rebalanceTimeout', 30_000),
    // the librdkafka settings v2 derives from the config (fetch.min.bytes, fetch.max.bytes, fetch.wait.max.ms); unset = 0
    gauges: {
      fetch_bytes_min: minBytes > 0 ? minBytes : 0,
      fetch_bytes_max: maxBytes > 0 ? maxBytes : 0,
      fetch_wait_max: cfg.has('maxWait') && maxWaitMs > 0 ? Math.floor(maxWaitMs) : 0,
    },
    warnings,
  };
}
