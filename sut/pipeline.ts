/**
 * Starts and stops the reference pipeline: Redis, N Kafka Streams processor instances (one application id), the
 * ingestion gateway and the lake sink, each a detached process recorded in `<dir>/state.json` with its log beside it.
 * `startPipeline` is idempotent for the same options; it returns once every part answers its health check.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { portOpen, waitUntil, isAlive } from '../infra/kafka/processes.ts';
import { javaArgs } from '../infra/kafka/toolchain.ts';
import { applicationId, faultFor, redisKeyPrefix, sutTopics, type SutOptions, type SutTopics } from './options.ts';
import { childAlive, freePort, logTail, spawnDetached, type ChildRecord } from './processes.ts';
import { createTopics } from './topics.ts';
import { PROCESSOR_MAIN, REPO_ROOT, SutError, ensureProcessorBuilt, requireTool } from './toolchain.ts';

export interface SutState {
  options: SutOptions;
  topics: SutTopics;
  applicationId: string;
  redisPrefix: string;
  lakeDir: string;
  redis: ChildRecord;
  processors: ChildRecord[];
  ingest: ChildRecord;
  lake: ChildRecord | undefined;
  startedAt: string;
}

const stateFile = (dir: string): string => join(dir, 'state.json');

export function readState(dir: string): SutState | undefined {
  const file = stateFile(dir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SutState) : undefined;
}

export function allChildren(s: SutState): ChildRecord[] {
  return [s.redis, ...s.processors, s.ingest, ...(s.lake ? [s.lake] : [])];
}

/** the options that decide what runs (ports chosen as 0 differ between starts and do not count) */
function sameShape(a: SutOptions, b: SutOptions): boolean {
  const shape = (o: SutOptions) => JSON.stringify({ ...o, redisPort: 0, ingestPort: 0, lakePort: 0, queryPort: 0, timeoutMs: 0 });
  return shape(a) === shape(b);
}

export async function startPipeline(opts: SutOptions, log: (line: string) => void = console.log): Promise<SutState> {
  const existing = readState(opts.dir);
  if (existing) {
    const alive = allChildren(existing).filter((c) => c.owned && childAlive(c));
    const owned = allChildren(existing).filter((c) => c.owned);
    if (alive.length === owned.length && sameShape(existing.options, opts)) {
      await waitHealthy(existing, opts.timeoutMs);
      log('reference pipeline already running');
      return existing;
    }
    if (alive.length > 0)
      throw new SutError(`a pipeline with other options (or partly stopped) runs from ${opts.dir}; run \`npm run sut:down\` first`);
    rmSync(stateFile(opts.dir), { force: true });
  }
  requireTool('redis-server', '--version', 'Redis', 'redis-server');
  const classpath = ensureProcessorBuilt(log);
  mkdirSync(opts.dir, { recursive: true });
  const topics = sutTopics(opts.prefix);
  await createTopics(opts.brokers, Object.values(topics), opts.partitions, opts.replicas);

  const port = async (p: number, i = 0): Promise<number> => (p === 0 ? freePort() : p + i);
  const redis = await startRedis(opts, await port(opts.redisPort));
  const state: SutState = {
    options: opts,
    topics,
    applicationId: applicationId(opts.prefix),
    redisPrefix: redisKeyPrefix(opts.prefix),
    lakeDir: join(opts.dir, 'lake'),
    redis,
    processors: [],
    ingest: undefined as unknown as ChildRecord,
    lake: undefined,
    startedAt: new Date().toISOString(),
  };
  const save = () => writeFileSync(stateFile(opts.dir), JSON.stringify(state, null, 2) + '\n');
  save();
  for (let i = 0; i < opts.processors; i++) {
    state.processors.push(startProcessor(opts, state, classpath, i, await port(opts.queryPort, i)));
    save();
  }
  const tsx = (script: string, args: string[]) => [process.execPath, ['--import', 'tsx', join(REPO_ROOT, script), ...args]] as const;
  const brokers = opts.brokers.join(',');
  const ingestPort = await port(opts.ingestPort);
  state.ingest = spawnDetached(
    'ingest',
    ...tsx('sut/ingest/main.ts', ['--brokers', brokers, '--topic', topics.events, '--port', String(ingestPort)]),
    ingestPort,
    join(opts.dir, 'ingest.log'),
    REPO_ROOT,
  );
  save();
  if (opts.lake) {
    const lakePort = await port(opts.lakePort);
    state.lake = spawnDetached(
      'lake',
      ...tsx('sut/lake/main.ts', [
        '--brokers',
        brokers,
        '--topic',
        topics.events,
        '--group',
        `${opts.prefix}streamprobe-lake`,
        '--dir',
        state.lakeDir,
        '--port',
        String(lakePort),
      ]),
      lakePort,
      join(opts.dir, 'lake.log'),
      REPO_ROOT,
    );
    save();
  }
  await waitHealthy(state, opts.timeoutMs);
  return state;
}

async function startRedis(opts: SutOptions, port: number): Promise<ChildRecord> {
  const log = join(opts.dir, 'redis.log');
  if (await portOpen(port)) {
    return { name: 'redis', pid: 0, port, log, owned: false };
  }
  const child = spawnDetached(
    'redis',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', opts.dir],
    port,
    log,
    opts.dir,
  );
  if (!(await waitUntil(() => portOpen(port), 10_000, 100))) {
    throw new SutError(`redis-server did not listen on 127.0.0.1:${port} within 10 s; ${log}:\n${logTail(log)}`);
  }
  return child;
}

function startProcessor(opts: SutOptions, s: SutState, classpath: string, i: number, httpPort: number): ChildRecord {
  const args = [
    '--brokers',
    opts.brokers.join(','),
    '--application-id',
    s.applicationId,
    '--events-topic',
    s.topics.events,
    '--dlq-topic',
    s.topics.dlq,
    '--aggregates-topic',
    s.topics.aggregates,
    '--window-ms',
    String(opts.windowMs),
    '--grace-ms',
    String(opts.graceMs),
    '--idle-close-ms',
    String(opts.idleCloseMs),
    '--threads',
    String(opts.threads),
    '--commit-ms',
    String(opts.commitMs),
    '--guarantee',
    opts.guarantee,
    '--http-port',
    String(httpPort),
    '--state-dir',
    join(opts.dir, `state-${i}`),
    '--redis-port',
    String(s.redis.port),
    '--redis-prefix',
    s.redisPrefix,
    '--fault',
    faultFor(i, opts.fault),
    '--fault-seed',
    String(opts.faultSeed),
  ];
  // Parallel GC, not G1: on a 2-core machine shared with the broker and the load generator, G1's concurrent
  // work and write barriers cost ~14 % more processor CPU per event at 100,000 events/s (bench/RESULTS.md)
  const java = javaArgs(classpath, PROCESSOR_MAIN, args, {
    heap: process.env.XHEAP ?? '2g',
    gc: 'parallel',
    logLevel: 'WARN',
  });
  return spawnDetached(`processor-${i}`, 'java', java, httpPort, join(opts.dir, `processor-${i}.log`), REPO_ROOT);
}

/** GET a health endpoint; undefined when nothing answers */
export async function health(port: number): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

async function waitHealthy(s: SutState, timeoutMs: number): Promise<void> {
  const http = [...s.processors, s.ingest, ...(s.lake ? [s.lake] : [])];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = allChildren(s).find((c) => c.owned && !childAlive(c));
    if (dead) throw new SutError(`${dead.name} exited during startup; last lines of ${dead.log}:\n${logTail(dead.log)}`);
    const answers = await Promise.all(http.map((c) => health(c.port)));
    if (answers.every((a) => a?.status === 200)) return;
    if (Date.now() > deadline) {
      const waiting = http.flatMap((c, i) =>
        answers[i]?.status === 200 ? [] : [`${c.name} (${JSON.stringify(answers[i]?.body ?? 'no answer')})`],
      );
      throw new SutError(
        `the pipeline was not healthy within ${timeoutMs / 1000} s: waiting for ${waiting.join(', ')}; logs under ${s.options.dir}`,
      );
    }
    await sleep(250);
  }
}

/** Stops every process the state file names (SIGTERM, SIGKILL after `graceMs`), then forgets the state. */
export async function stopPipeline(dir: string, graceMs = 20_000): Promise<number> {
  const s = readState(dir);
  if (!s) return 0;
  const running = allChildren(s).filter((c) => c.owned && c.pid > 0 && childAlive(c));
  for (const c of running) process.kill(c.pid, 'SIGTERM');
  if (!(await waitUntil(() => running.every((c) => !isAlive(c.pid)), graceMs, 100))) {
    for (const c of running.filter((c) => isAlive(c.pid))) process.kill(c.pid, 'SIGKILL');
    await waitUntil(() => running.every((c) => !isAlive(c.pid)), 5000, 100);
  }
  rmSync(stateFile(dir), { force: true });
  return running.length;
}
