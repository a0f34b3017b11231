/**
 * Partition choice per message on the writer side: librdkafka's default `consistent_random`
 * (xk6-kafka v2, no `balancer` set), or the kafka-go balancer a v1 script names.
 */
import { ConfigError } from '../../../../errors.ts';
import { BALANCER } from './constants.ts';
import { crc32 } from './crc32.ts';

export type BalancerFunction = (key: Uint8Array, partitionCount: number) => number;
/** `key` as the script gave it: bytes, text (hashed as UTF-8) or absent */
export type MessageKey = Uint8Array | string | null | undefined;
export type ChoosePartition = (topic: string, key: MessageKey, bytes: number, partitionCount: number) => number;

export function fnv1a32(data: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i]!, 0x01000193) >>> 0;
  return h;
}

/** Kafka's Java murmur2 (signed int32), in 32-bit integer math. */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const len = data.length;
  let h = (0x9747b28c ^ len) | 0;
  const whole = len & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = len & 3;
  if (rest === 3) h ^= data[whole + 2]! << 16;
  if (rest >= 2) h ^= data[whole + 1]! << 8;
  if (rest >= 1) h = Math.imul(h ^ data[whole]!, m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  return h ^ (h >>> 15);
}

function hashPartition(h32: number, n: number): number {
  const p = (h32 | 0) % n; // kafka-go: int32(sum) % n, negated when negative
  return p < 0 ? -p : p;
}

function roundRobin(): ChoosePartition {
  const next = new Map<string, number>();
  return (topic, _key, _bytes, n) => {
    const i = next.get(topic) ?? 0;
    next.set(topic, i + 1);
    return i % n;
  };
}

function leastBytes(): ChoosePartition {
  const written = new Map<string, number[]>();
  return (topic, _key, bytes, n) => {
    let counts = written.get(topic);
    if (!counts || counts.length !== n) written.set(topic, (counts = new Array<number>(n).fill(0)));
    let best = 0;
    for (let i = 1; i < n; i++) if (counts[i]! < counts[best]!) best = i;
    counts[best]! += bytes;
    return best;
  };
}

/** librdkafka's `consistent_random`: CRC-32 of the key modulo the partition count; no or empty key: any partition. */
export function consistentRandom(_topic: string, key: MessageKey, _bytes: number, n: number): number {
  return key && key.length > 0 ? crc32(key) % n : Math.floor(Math.random() * n);
}

function keyBuffer(key: Uint8Array | string): Buffer {
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  return Buffer.isBuffer(key) ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

/** Keyed balancers fall back to round-robin for messages without a key, as kafka-go does. */
function keyed(hash: (key: Buffer, n: number) => number): ChoosePartition {
  const fallback = roundRobin();
  return (topic, key, bytes, n) => (key && key.length > 0 ? hash(keyBuffer(key), n) : fallback(topic, key, bytes, n));
}

function scriptFunction(fn: BalancerFunction): ChoosePartition {
  return (topic, key, _bytes, n) => {
    if (!key) throw new Error(`the writer's balancer function needs a key on every message (topic "${topic}")`);
    const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    const p = Number(fn(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), n));
    if (!Number.isInteger(p) || p < 0 || p >= n) {
      throw new Error(`the writer's balancer function returned ${p}; it must be an integer in [0, ${n - 1}]`);
    }
    return p;
  };
}

/** `spec`: the WriterConfig's `balancer`; unset = consistent_random, as xk6-kafka v2 partitions. */
export function createBalancer(spec: unknown): ChoosePartition {
  if (typeof spec === 'function') return scriptFunction(spec as BalancerFunction);
  switch (spec ?? '') {
    case '':
      return consistentRandom;
    case BALANCER.LEAST_BYTES:
      return leastBytes();
    case BALANCER.ROUND_ROBIN:
      return roundRobin();
    case BALANCER.HASH:
      return keyed((key, n) => hashPartition(fnv1a32(key), n));
    case BALANCER.CRC32:
      return keyed((key, n) => crc32(key) % n);
    case BALANCER.MURMUR2:
      return keyed((key, n) => (murmur2(key) & 0x7fffffff) % n);
    default:
      throw new ConfigError(
        `unknown writer balancer ${JSON.stringify(spec)}: use one of ${Object.values(BALANCER).join(', ')} or a function`,
      );
  }
}
