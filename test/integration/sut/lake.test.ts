// The lake sink alone, on the real broker and DuckDB: files by partition and offset range, and a restart that removes
// files written but never committed, so a replay rewrites the same names instead of duplicating.
import { DuckDBInstance } from '@duckdb/node-api';
import { Producer, stringSerializers } from '@platformatic/kafka';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventGenerator, eventValue } from '../../../lib/events.ts';
import { eventHour } from '../../../sut/lake/files.ts';
import { LakeSink } from '../../../sut/lake/sink.ts';
import { createTopics, deleteTopicsWithPrefix } from '../../../sut/topics.ts';
import { brokers } from './harness.ts';

const prefix = `sp-test-lake-${process.pid}-${Date.now()}-`;
const topic = `${prefix}events`;
const dir = mkdtempSync(join(tmpdir(), 'sp-lake-'));
after(async () => {
  await deleteTopicsWithPrefix(brokers, prefix);
  rmSync(dir, { recursive: true, force: true });
});

async function runSink(db: DuckDBInstance, rows: number): Promise<void> {
  const failures: Error[] = [];
  const sink = new LakeSink({ brokers, topic, groupId: `${prefix}lake`, dir, flushMs: 300, onFailure: (e) => failures.push(e) });
  await sink.start(db);
  for (let i = 0; i < 100 && sink.stats.rowsWritten < rows; i++) await sleep(100);
  await sink.close();
  assert.deepEqual(failures, []);
  assert.equal(sink.stats.rowsWritten, rows);
}

test('a restart removes uncommitted files and writes the replayed range under its own name', async () => {
  await createTopics(brokers, [topic], 1, 1);
  const producer = new Producer({ clientId: 'lake-test', bootstrapBrokers: brokers, serializers: stringSerializers, acks: -1 });
  const gen = new EventGenerator({ seed: 5, malformedFraction: 0.2 });
  const now = Date.now();
  const send = async (n: number) => {
    const events = gen.batch(n, now);
    await producer.send({ messages: events.map((e) => ({ topic, key: e.key, value: eventValue(e) })) });
    return events.filter((e) => e.kind === 'valid').length;
  };
  const db = await DuckDBInstance.create(':memory:');
  try {
    const firstValid = await send(10);
    await runSink(db, firstValid);
    const hourDir = join(dir, `event_hour=${eventHour(now)}`);
    assert.deepEqual(readdirSync(hourDir), ['p0-0-9.parquet']);
    // a crash after writing offsets 10..20 but before committing them, and a half-written file
    copyFileSync(join(hourDir, 'p0-0-9.parquet'), join(hourDir, 'p0-10-20.parquet'));
    writeFileSync(join(hourDir, 'p0-10-12.parquet.tmp'), 'partial');
    const secondValid = await send(5);
    await runSink(db, secondValid);
    assert.deepEqual(readdirSync(hourDir).sort(), ['p0-0-9.parquet', 'p0-10-14.parquet']);
    const conn = await db.connect();
    const count = (
      await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${hourDir}/*.parquet')`)
    ).getRowObjectsJS()[0]!.n;
    assert.equal(count, firstValid + secondValid);
  } finally {
    await producer.close();
  }
});
