/** Classifies @platformatic/kafka errors and words them so a user knows what to fix. */
import { SUTUnreachableError } from '../../../../errors.ts';

interface Findable {
  findBy?(property: string, value: unknown): unknown;
}

function has(err: unknown, property: string, value: unknown): boolean {
  const e = err as Findable & Record<string, unknown>;
  return e?.[property] === value || Boolean(e?.findBy?.(property, value));
}

export function isNetworkError(err: unknown): boolean {
  return has(err, 'code', 'PLT_KFK_NETWORK') || /Cannot connect to any broker/.test(String((err as Error)?.message));
}

export function isUnknownTopic(err: unknown): boolean {
  return has(err, 'apiId', 'UNKNOWN_TOPIC_OR_PARTITION') || /^Unknown topic/.test(String((err as Error)?.message));
}

export function isTopicAlreadyExisting(err: unknown): boolean {
  return has(err, 'apiId', 'TOPIC_ALREADY_EXISTS');
}

export function isMessageTooLarge(err: unknown): boolean {
  return has(err, 'apiId', 'MESSAGE_TOO_LARGE') || has(err, 'apiId', 'RECORD_LIST_TOO_LARGE');
}

export function unreachable(brokers: readonly string[], cause: unknown): SUTUnreachableError {
  return new SUTUnreachableError(
    `Kafka brokers ${brokers.join(',')} are unreachable. Start Kafka (\`npm run kafka:up\`) or set KAFKA_BROKERS ` +
      'to reachable brokers.',
    { cause },
  );
}

export function missingTopicCause(topic: string): Error {
  return new Error(
    `topic "${topic}" does not exist: create it first (new Connection({address}).createTopic({topic: "${topic}", ` +
      'numPartitions}) in setup(), or AdminClient.createTopic) or set autoCreateTopic: true in the writer config',
  );
}

export function tooLargeCause(bytes: number, batchBytes: number): Error {
  return new Error(
    `a message of ${bytes} bytes exceeds the size limit (writer batchBytes ${batchBytes}, and the broker's ` +
      'message.max.bytes / topic max.message.bytes): send smaller messages or raise those limits',
  );
}

/** The broker refused a whole record batch (MESSAGE_TOO_LARGE / RECORD_LIST_TOO_LARGE). */
export function batchTooLargeCause(topic: string, partition: number, bytes: number, batchBytes: number, cause: unknown): Error {
  return new Error(
    `the broker rejected a record batch of ${bytes} bytes for ${topic}[${partition}] as too large (writer batchBytes ` +
      `${batchBytes}; the broker's message.max.bytes / topic max.message.bytes is lower): lower batchBytes or raise those limits`,
    { cause },
  );
}

/** Races `p` against a deadline; the timeout error names what timed out. */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
