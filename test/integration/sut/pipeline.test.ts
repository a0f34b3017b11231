// The reference pipeline end to end on the real broker, Kafka Streams, Redis and DuckDB: one pipeline for the file.
// Events are sent live (event time = send time), one batch per window, so the expected windows are exact.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventGenerator, type GeneratedEvent, eventValue } from '../../../lib/events.ts';
import { eventHour } from '../../../sut/lake/files.ts';
import { compactStamp, expectedAggregates, nextWindow, readTopic, startTestPipeline, type TestPipeline } from './harness.ts';

const WINDOW_MS = 2000;
const MALFORMED_KINDS = new Set(['bad_json', 'missing_field', 'mistyped_field', 'oversized']);

describe('reference pipeline', { timeout: 300_000 }, () => {
  let p: TestPipeline;
  const gen = new EventGenerator({ seed: 7, pages: 4, malformedFraction: 0.15 });
  let seq = 0;
  const valid: GeneratedEvent[] = [];
  const malformed: GeneratedEvent[] = [];
  const late: GeneratedEvent[] = [];
  const windows: number[] = [];
  const gatewayStatuses: number[] = [];

  async function produce(events: GeneratedEvent[], ms: number): Promise<void> {
    await p.producer.send({
      messages: events.map((e) => ({
        topic: p.state.topics.events,
        key: e.key,
        value: eventValue(e),
        headers: { sp: compactStamp(seq++, ms) },
      })),
    });
  }

  async function postGateway(body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(`http://127.0.0.1:${p.state.ingest.port}/v1/events`, { method: 'POST', body, headers });
    return { status: res.status, body: await res.json() };
  }

  before(async () => {
    p = await startTestPipeline('pipeline', { window: '2s', grace: '250ms' });
    // two windows straight to Kafka, a third through the gateway
    for (let w = 0; w < 3; w++) {
      windows.push(await nextWindow(WINDOW_MS, 300));
      const now = Date.now();
      const batch = gen.batch(120, now);
      valid.push(...batch.filter((e) => e.kind === 'valid'));
      malformed.push(...batch.filter((e) => e.kind !== 'valid'));
      if (w < 2) {
        await produce(batch, now);
      } else {
        const events = batch.filter((e) => e.kind === 'valid');
        malformed.splice(malformed.length - (batch.length - events.length)); // the gateway never sees these
        const res = await postGateway(`[${events.map((e) => eventValue(e)).join(',')}]`, { sp: compactStamp(seq, now) });
        seq += events.length;
        gatewayStatuses.push(res.status);
        assert.deepEqual(res.body, { accepted: events.length });
      }
    }
    await p.drainAndFlush(valid.length); // the last window closes now rather than at idle-close (30 s)
  });

  after(async () => {
    await p?.stop();
  });

  it('the gateway answers 202 after Kafka acknowledged, 400 naming the problem for a malformed batch', async () => {
    assert.deepEqual(gatewayStatuses, [202]);
    const missing = JSON.parse(eventValue(gen.batch(1, Date.now())[0]!)) as Record<string, unknown>;
    delete missing.user_id;
    const bad = await postGateway(JSON.stringify([missing]));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'event 0: missing_field: user_id');
    assert.equal((await postGateway('{"not":"an array"}')).status, 400);
    assert.equal((await postGateway('[{')).status, 400);
    assert.equal((await fetch(`http://127.0.0.1:${p.state.ingest.port}/health`)).status, 200);
  });

  it('routes every malformed record to the DLQ with its reason and original headers', async () => {
    const dlq = await readTopic(p.state.topics.dlq, (m) => m.length >= malformed.length);
    assert.equal(dlq.length, malformed.length);
    const kindOf = new Map(malformed.map((e) => [eventValue(e), e.kind]));
    for (const m of dlq) {
      const reason = m.headers.get('sp-dlq-reason');
      const kind = kindOf.get(m.value);
      assert.ok(kind && MALFORMED_KINDS.has(kind), `DLQ record not among the malformed ones: ${m.value.slice(0, 80)}`);
      assert.ok(reason?.startsWith(`${kind}: `), `reason '${reason}' for a ${kind} record`);
      assert.match(m.headers.get('sp') ?? '', /^test:g0:\d+:\d+:\d+$/);
    }
  });

  it('emits exactly the expected windows, once each, with the newest stamps they include', async () => {
    const expected = expectedAggregates(valid, WINDOW_MS);
    const records = await readTopic(p.state.topics.aggregates, (m) => m.length >= expected.size);
    await sleep(1000);
    const actual = records.map((m) => JSON.parse(m.value));
    assert.equal(actual.length, expected.size, 'one record per window and key');
    for (const a of actual) {
      const e = expected.get(`${a.key}@${a.window_start_ms}`);
      assert.ok(e, `unexpected window ${a.key}@${a.window_start_ms}`);
      assert.deepEqual(
        {
          key: a.key,
          window_start_ms: a.window_start_ms,
          count: a.count,
          sum_amount_cents: a.sum_amount_cents,
          distinct_users: a.distinct_users,
          max_intended_us: a.max_intended_us,
        },
        e,
      );
      assert.equal(a.window_end_ms, a.window_start_ms + WINDOW_MS);
      assert.equal(a.final, true);
      assert.equal(a.max_sent_us, a.max_intended_us);
    }
    assert.deepEqual(new Set(actual.map((a) => a.window_start_ms)), new Set(windows));
  });

  it('serves the same final values from Kafka Streams state and from Redis', async () => {
    const expected = expectedAggregates(valid, WINDOW_MS);
    for (const key of new Set([...expected.values()].map((e) => e.key))) {
      const q = `/v1/windows?key=${encodeURIComponent(key)}&limit=10`;
      const streams = (await p.query(q)).windows.filter((w: { final: boolean }) => w.final);
      const redis = (await p.query(`${q}&source=redis`)).windows;
      assert.deepEqual(streams, redis, key);
      for (const w of redis) assert.equal(w.count, expected.get(`${key}@${w.window_start_ms}`)?.count, `${key}@${w.window_start_ms}`);
    }
    for (const start of windows) {
      const top = (source: string) => p.query(`/v1/top?window_start=${start}&n=3${source}`);
      const [fromStreams, fromRedis] = [await top(''), await top('&source=redis')];
      assert.deepEqual(fromStreams.keys, fromRedis.keys);
      const want = [...expected.values()]
        .filter((e) => e.window_start_ms === start)
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
        .slice(0, 3)
        .map((e) => e.count);
      assert.deepEqual(
        fromStreams.keys.map((k: { count: number }) => k.count),
        want,
      );
    }
  });

  it('drops events later than the grace period and counts them', async () => {
    const before = await p.counters();
    const old = gen.batch(40, windows[0]! + 100).filter((e) => e.kind === 'valid');
    late.push(...old);
    await produce(old, windows[0]! + 100);
    // late_dropped is counted after the repartition hop, records_valid before it
    const settled = async () => {
      const c = await p.counters();
      return c.records_valid! - before.records_valid! >= old.length && c.late_dropped! - before.late_dropped! >= old.length;
    };
    for (let i = 0; i < 50 && !(await settled()); i++) await sleep(200);
    const now = await p.counters();
    assert.equal(now.records_valid! - before.records_valid!, old.length);
    assert.equal(now.late_dropped! - before.late_dropped!, old.length);
  });

  it('the lake holds every valid event (late ones too) in Parquet files by event hour', async () => {
    const all = [...valid, ...late];
    const want = new Map<string, number>();
    for (const e of all) want.set(`${eventHour(e.eventTimeMs)}|${e.type}`, (want.get(`${eventHour(e.eventTimeMs)}|${e.type}`) ?? 0) + 1);
    const lake = async (path: string) => (await fetch(`http://127.0.0.1:${p.state.lake!.port}${path}`)).json() as Promise<any>;
    let rows: { event_hour: string; type: string; count: number }[] = [];
    for (let i = 0; i < 60; i++) {
      rows = (await lake('/v1/counts?by=hour,type')).rows;
      if (rows.reduce((n, r) => n + r.count, 0) >= all.length) break;
      await sleep(500);
    }
    assert.deepEqual(new Map(rows.map((r) => [`${r.event_hour}|${r.type}`, r.count])), want);
    const stamps = (await lake('/v1/stamps?run=test')).rows;
    assert.deepEqual(
      stamps.map((r: any) => [r.gen, r.count, r.distinct_seq]),
      [['g0', all.length, all.length]],
    );
    const hours = readdirSync(p.state.lakeDir).filter((d) => d.startsWith('event_hour='));
    assert.ok(hours.length >= 1);
    for (const h of hours) for (const f of readdirSync(`${p.state.lakeDir}/${h}`)) assert.match(f, /^p\d+-\d+-\d+\.parquet$/);
  });
});
