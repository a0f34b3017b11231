/** What a Reader reads from: a long-lived buffered stream of records that survives consume() calls. */
import { Consumer } from '@platformatic/kafka';
import { isNetworkError, isUnknownTopic, missingTopicCause, unreachable, withDeadline } from './broker-errors.ts';
import type { ConsumedRecord } from './consumed-message.ts';
import type { ReaderConfig } from './reader-config.ts';

export interface ReaderSource {
  readonly clientId: string;
  /** up to `max` buffered records */
  take(max: number): ConsumedRecord[];
  /** settles when more records are buffered or a fetch failed; a pending fetch outlives a caller's timeout */
  fetchMore(): Promise<void>;
  /** after consume() returns `records`: commit (groups) and refresh high-water marks */
  afterConsume(records: ConsumedRecord[]): Promise<void>;
  highWaterMark(topic: string, partition: number): number;
  close(): Promise<void>;
}

let clientSeq = 0;
export const nextClientId = (kind: string) => `streamprobe-${kind}-${process.pid}-${++clientSeq}`;

export function createConsumer(cfg: ReaderConfig, groupId: string, clientId: string): Consumer {
  return new Consumer({
    groupId,
    clientId,
    ...cfg.client,
    // a fetch long-polls for up to maxWait: the request timeout must outlast it
    timeout: cfg.maxWaitMs + 10_000,
    retries: 3,
    retryDelay: 250,
    autocommit: false,
    minBytes: cfg.minBytes,
    maxBytes: cfg.maxBytes,
    maxWaitTime: Math.ceil(cfg.maxWaitMs),
    isolationLevel: cfg.readCommitted ? 1 : 0,
    sessionTimeout: cfg.sessionTimeoutMs,
    heartbeatInterval: cfg.heartbeatIntervalMs,
    rebalanceTimeout: cfg.rebalanceTimeoutMs,
  });
}

/** First contact: topics must exist; never-reachable brokers ⇒ SUTUnreachableError within the dial timeout. */
export async function checkTopics(consumer: Consumer, cfg: ReaderConfig, topics: string[]): Promise<void> {
  const request = consumer.metadata({ topics });
  try {
    const brokers = cfg.client.bootstrapBrokers.join(',');
    const metadata = await withDeadline(request, cfg.client.connectTimeout, `connecting to ${brokers}`);
    for (const t of topics) if (!metadata.topics.has(t)) throw missingTopicCause(t);
  } catch (err) {
    request.catch(() => {});
    if (isNetworkError(err) || /timed out/.test(String((err as Error).message))) throw unreachable(cfg.client.bootstrapBrokers, err);
    if (isUnknownTopic(err)) throw missingTopicCause(topics.join(', '));
    throw err;
  }
}
