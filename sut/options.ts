/**
 * Options of `npm run sut:up` (pure: parsed and checked here, used by sut/pipeline.ts). Everything a test needs to run
 * its own pipeline beside others on the shared broker is an option: a topic prefix, free ports (0), its own folder.
 */
import { durationMs } from '../lib/duration.ts';

export const GUARANTEES = ['exactly_once_v2', 'at_least_once'] as const;
export type Guarantee = (typeof GUARANTEES)[number];

export interface SutOptions {
  brokers: string[];
  processors: number;
  /** Kafka Streams stream threads per processor */
  threads: number;
  guarantee: Guarantee;
  /** processor fault switches, e.g. `drop=0.001,crash=5000` (crash applies to instance 0 only) */
  fault: string;
  faultSeed: number;
  windowMs: number;
  graceMs: number;
  idleCloseMs: number;
  commitMs: number;
  /** prefix of topic names, the application id, the lake's group and Redis keys */
  prefix: string;
  partitions: number;
  replicas: number;
  /** 0 = a free port; the processors use queryPort, queryPort+1, … */
  redisPort: number;
  ingestPort: number;
  lakePort: number;
  queryPort: number;
  lake: boolean;
  /** run folder: state.json, logs, Kafka Streams state, the lake's Parquet files */
  dir: string;
  timeoutMs: number;
}

export interface SutTopics {
  events: string;
  dlq: string;
  aggregates: string;
}

export function sutTopics(prefix: string): SutTopics {
  return { events: `${prefix}events`, dlq: `${prefix}events-dlq`, aggregates: `${prefix}aggregates` };
}

export const applicationId = (prefix: string): string => `${prefix}streamprobe-sut`;
export const redisKeyPrefix = (prefix: string): string => `${prefix}sp:`;

export type RawOptions = Readonly<Record<string, string | boolean | undefined>>;

const KNOWN_FAULTS = ['drop', 'duplicate', 'delay', 'skew', 'miscount', 'crash'];

export function parseSutOptions(raw: RawOptions, env: Readonly<Record<string, string | undefined>>, defaultDir: string): SutOptions {
  const str = (name: string, fallback: string): string => {
    const v = raw[name];
    return typeof v === 'string' && v !== '' ? v : fallback;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const v = str(name, String(fallback));
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got '${v}'`);
    return n;
  };
  const duration = (name: string, fallback: string): number => {
    try {
      return durationMs(str(name, fallback));
    } catch (err) {
      throw new Error(`--${name}: ${(err as Error).message}`);
    }
  };
  const guarantee = str('guarantee', 'exactly_once_v2');
  if (!(GUARANTEES as readonly string[]).includes(guarantee)) {
    throw new Error(`--guarantee must be one of ${GUARANTEES.join(', ')}, got '${guarantee}'`);
  }
  const fault = str('fault', '');
  for (const part of fault.split(',').filter((p) => p !== '')) {
    const name = part.split('=')[0]!;
    if (!KNOWN_FAULTS.includes(name) || !part.includes('=')) {
      throw new Error(
        `--fault '${part}' is not a fault switch; use name=value with name one of ${KNOWN_FAULTS.join(', ')} (e.g. --fault drop=0.001)`,
      );
    }
  }
  const windowMs = duration('window', '5s');
  if (windowMs <= 0 || !Number.isInteger(windowMs)) throw new Error(`--window must be a whole number of milliseconds > 0, e.g. 5s`);
  return {
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== ''),
    processors: int('processors', 1, 1),
    threads: int('threads', 1, 1),
    guarantee: guarantee as Guarantee,
    fault,
    faultSeed: int('fault-seed', 1, 0),
    windowMs,
    graceMs: duration('grace', '250ms'),
    idleCloseMs: duration('idle-close', '30s'),
    commitMs: duration('commit-interval', '100ms'),
    prefix: str('prefix', ''),
    partitions: int('partitions', 6, 1),
    replicas: int('replicas', 1, 1),
    redisPort: int('redis-port', 6379, 0),
    ingestPort: int('ingest-port', 8088, 0),
    lakePort: int('lake-port', 8089, 0),
    queryPort: int('query-port', 8090, 0),
    lake: raw['no-lake'] !== true,
    dir: str('dir', env.STREAMPROBE_SUT_DIR ?? defaultDir),
    timeoutMs: duration('timeout', '180s'),
  };
}

/** The fault spec for processor instance `i`: a crash switch only on instance 0, so the others take over its work. */
export function faultFor(instance: number, fault: string): string {
  if (instance === 0) return fault;
  return fault
    .split(',')
    .filter((p) => p !== '' && !p.startsWith('crash='))
    .join(',');
}

/** `parseArgs` options of sut:up, shared by the CLI and its help */
export const SUT_UP_ARGS = {
  processors: { type: 'string' },
  threads: { type: 'string' },
  guarantee: { type: 'string' },
  fault: { type: 'string' },
  'fault-seed': { type: 'string' },
  window: { type: 'string' },
  grace: { type: 'string' },
  'idle-close': { type: 'string' },
  'commit-interval': { type: 'string' },
  prefix: { type: 'string' },
  partitions: { type: 'string' },
  replicas: { type: 'string' },
  'redis-port': { type: 'string' },
  'ingest-port': { type: 'string' },
  'lake-port': { type: 'string' },
  'query-port': { type: 'string' },
  'no-lake': { type: 'boolean' },
  dir: { type: 'string' },
  timeout: { type: 'string' },
} as const;
