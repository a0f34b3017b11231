/** What the reference-pipeline tests share: a pipeline of their own (topic prefix, free ports, temp folder), topic I/O. */
import { Consumer, Producer, stringDeserializers, stringSerializers, type Message } from '@platformatic/kafka';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GeneratedEvent, eventValue } from '../../../lib/events.ts';
import { parseSutOptions, type RawOptions } from '../../../sut/options.ts';
import { startPipeline, stopPipeline, type SutState } from '../../../sut/pipeline.ts';
import { deleteTopicsWithPrefix } from '../../../sut/topics.ts';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export interface TestPipeline {
  state: SutState;
  producer: Producer<string, string, string, string>;
  /** GET on the query API of processor 0 */
  query(path: string): Promise<any>;
  /** summed counters of every processor's /health */
  counters(): Promise<Record<string, number>>;
  /** waits until `records` valid records reached the window tasks, then closes every open window (POST /v1/flush) */
  drainAndFlush(records: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestPipeline(name: string, raw: RawOptions): Promise<TestPipeline> {
  const prefix = `sp-test-${name}-${process.pid}-${Date.now()}-`;
  const dir = mkdtempSync(join(tmpdir(), `sp-sut-${name}-`));
  const opts = parseSutOptions(
    { prefix, dir, 'redis-port': '0', 'ingest-port': '0', 'lake-port': '0', 'query-port': '0', partitions: '3', ...raw },
    { KAFKA_BROKERS: brokers.join(',') },
    dir,
  );
  const state = await startPipeline(opts, () => {});
  const producer = new Producer({ clientId: 'sut-test', bootstrapBrokers: brokers, serializers: stringSerializers, acks: -1 });
  const getJson = async (port: number, path: string): Promise<any> => (await fetch(`http://127.0.0.1:${port}${path}`)).json();
  const counters = async (): Promise<Record<string, number>> => {
    const sums: Record<string, number> = {};
    for (const p of state.processors) {
      for (const [k, v] of Object.entries(await getJson(p.port, '/health'))) if (typeof v === 'number') sums[k] = (sums[k] ?? 0) + v;
    }
    return sums;
  };
  return {
    state,
    producer,
    query: (path) => getJson(state.processors[0]!.port, path),
    counters,
    async drainAndFlush(records) {
      for (let i = 0; i < 300 && (await counters()).records_aggregated! < records; i++) await sleep(100);
      const res = await fetch(`http://127.0.0.1:${state.processors[0]!.port}/v1/flush`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`flush answered ${res.status}: ${await res.text()}`);
    },
    async stop() {
      await producer.close();
      await stopPipeline(dir);
      rmSync(dir, { recursive: true, force: true });
      await deleteTopicsWithPrefix(brokers, prefix);
    },
  };
}

/** the compact stamp of a record: run, generator, sequence, intended = sent = `ms` */
export const compactStamp = (seq: number, ms: number): string => `test:g0:${seq}:${ms * 1000}:${ms * 1000}`;

/** Sleeps until the wall clock is `offsetMs` into the next window of `windowMs`; returns that window's start. */
export async function nextWindow(windowMs: number, offsetMs: number): Promise<number> {
  const start = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
  await sleep(start + offsetMs - Date.now());
  return start;
}

export interface ExpectedAggregate {
  key: string;
  window_start_ms: number;
  count: number;
  sum_amount_cents: number;
  distinct_users: number;
  max_intended_us: number;
}

/** The aggregates the declared semantics give for valid, on-time events stamped with intended time = event time. */
export function expectedAggregates(events: readonly GeneratedEvent[], windowMs: number): Map<string, ExpectedAggregate> {
  const out = new Map<string, ExpectedAggregate & { users: Set<string> }>();
  for (const e of events) {
    const start = Math.floor(e.eventTimeMs / windowMs) * windowMs;
    const page = (JSON.parse(eventValue(e)) as { page_id: string }).page_id;
    const key = `${page}:${e.type}`;
    const id = `${key}@${start}`;
    let a = out.get(id);
    if (!a)
      out.set(
        id,
        (a = { key, window_start_ms: start, count: 0, sum_amount_cents: 0, distinct_users: 0, max_intended_us: 0, users: new Set() }),
      );
    a.count++;
    a.sum_amount_cents += e.amountCents;
    a.users.add(e.userId);
    a.distinct_users = a.users.size;
    a.max_intended_us = Math.max(a.max_intended_us, e.eventTimeMs * 1000);
  }
  return new Map([...out].map(([id, { users: _users, ...a }]) => [id, a]));
}

/** Reads a topic from the start until `done(messages)` or `timeoutMs`; returns what it read. */
export async function readTopic(
  topic: string,
  done: (m: Message<string, string, string, string>[]) => boolean,
  timeoutMs = 60_000,
): Promise<Message<string, string, string, string>[]> {
  const consumer = new Consumer({
    clientId: 'sut-test-reader',
    groupId: `sut-test-${topic}-${Date.now()}`,
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
  });
  const out: Message<string, string, string, string>[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false, maxWaitTime: 200, isolationLevel: 1 });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      stream.on('data', (m: Message<string, string, string, string>) => {
        out.push(m);
        if (done(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return out;
  } finally {
    await consumer.close(true);
  }
}
