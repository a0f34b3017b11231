import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffAggregates, emptySourceDiff, windowLabel, type ActualAggregate } from '../../../../lib/oracle/diff.ts';
import { ExpectedAggregates, fateOf, type LedgerEvent, type Semantics } from '../../../../lib/oracle/expected.ts';
import { oracleMetrics, verdictText, type OracleFindings } from '../../../../lib/oracle/verdict.ts';

const S: Semantics = { windowMs: 5000, graceMs: 250, uncertainMs: 1000, idleCloseMs: 30_000 };
const T = Date.UTC(2026, 10, 30, 10, 0, 5); // a window start
const ev = (o: Partial<LedgerEvent>): LedgerEvent => ({
  pageId: 'pg12',
  type: 'click',
  userId: 'u1',
  amountCents: 0,
  eventTimeMs: T,
  intendedUs: T * 1000,
  precededByMs: -Infinity,
  quietBeforeMs: 2,
  ...o,
});

test('a record is dropped once its own partition has passed its window close, uncertain after its partition was quiet, else counted', () => {
  const fate = (eventTimeMs: number, precededByMs = -Infinity, quietBeforeMs = 2) =>
    fateOf({ eventTimeMs, precededByMs, quietBeforeMs }, S);
  assert.equal(fate(T + 4999), 'counted'); // live, last ms of the window
  assert.equal(fate(T, T + 5249), 'counted'); // out of order, within the grace of its partition
  assert.equal(fate(T, T + 5250), 'dropped'); // its partition has passed end + grace
  assert.equal(fate(T - 120_000, T), 'dropped'); // a lib/events "late" record
  // how far the other partitions had got when it was sent does not decide: a task minutes behind another would
  assert.equal(fate(T - 120_000, T - 119_000), 'counted');
  // after a quiet spell the window task may have left its partition out as idle, and the others closed the window
  assert.equal(fate(T, -Infinity, 14_999), 'counted');
  assert.equal(fate(T, -Infinity, 15_000), 'uncertain');
  assert.equal(fate(T, -Infinity, Infinity), 'uncertain'); // the partition's first record
  assert.equal(fate(T, T + 6000, Infinity), 'dropped');
});

test('expected windows: count, sum, distinct users, newest intended time; late records counted as dropped', () => {
  const x = new ExpectedAggregates(S);
  x.add(ev({ userId: 'u1', amountCents: 100, intendedUs: T * 1000 + 7 }));
  x.add(ev({ userId: 'u2', amountCents: 50, eventTimeMs: T + 10, intendedUs: (T + 10) * 1000 }));
  x.add(ev({ userId: 'u1', amountCents: 1, eventTimeMs: T + 20, intendedUs: (T + 20) * 1000 }));
  x.add(ev({ type: 'purchase', eventTimeMs: T + 5000 }));
  x.add(ev({ eventTimeMs: T - 300_000, precededByMs: T + 20 })); // late
  x.add(ev({ type: 'purchase', eventTimeMs: T + 100, quietBeforeMs: Infinity })); // uncertain
  const w = x.finish(T + 60_000);
  assert.equal(x.lateDropped, 1);
  assert.equal(x.uncertainRecords, 1);
  assert.deepEqual(w.get(`pg12:click@${T}`), {
    key: 'pg12:click',
    windowStartMs: T,
    windowEndMs: T + 5000,
    count: 3,
    sumAmountCents: 151,
    distinctUsers: 2,
    maxIntendedUs: (T + 20) * 1000,
    maxEventTimeMs: T + 20,
    uncertain: false,
  });
  assert.equal(w.get(`pg12:purchase@${T}`)?.uncertain, true);
  assert.equal(w.get(`pg12:purchase@${T + 5000}`)?.count, 1);
  assert.deepEqual([x.firstWindowMs, x.lastWindowMs], [T, T + 5000]);
});

test('windows are finalized (their user sets released) once every partition is read well past their close', () => {
  const x = new ExpectedAggregates(S);
  for (let i = 0; i < 100; i++) x.add(ev({ userId: `u${i}`, eventTimeMs: T + i * 100 }));
  assert.equal(x.openWindows, 2);
  x.advance(T + 5000 + 250 + 1000 + 10_000);
  assert.equal(x.openWindows, 2, 'not yet past the margin');
  x.advance(T + 5000 + 250 + 1000 + 10_001);
  assert.equal(x.openWindows, 1);
  // a straggler of a finalized window still counts, but its users are no longer known
  x.add(ev({ userId: 'u0', eventTimeMs: T + 1 }));
  const w = x.finish(T + 60_000);
  assert.equal(w.get(`pg12:click@${T}`)?.count, 51);
  assert.equal(w.get(`pg12:click@${T}`)?.uncertain, true);
  assert.equal(w.get(`pg12:click@${T + 5000}`)?.distinctUsers, 50);
});

function expectedOf(...events: LedgerEvent[]) {
  const x = new ExpectedAggregates(S);
  for (const e of events) x.add(e);
  return { windows: x.finish(T + 60_000), span: { firstWindowMs: x.firstWindowMs, lastWindowMs: x.lastWindowMs } };
}

const agg = (o: Partial<ActualAggregate>): ActualAggregate => ({
  key: 'pg12:click',
  window_start_ms: T,
  window_end_ms: T + 5000,
  count: 1,
  sum_amount_cents: 0,
  distinct_users: 1,
  ...o,
});

test('diff: a lower count is lost records, a higher one duplicated; missing, unexpected and repeated windows are named', () => {
  const { windows, span } = expectedOf(
    ev({ userId: 'u1' }),
    ev({ userId: 'u2', eventTimeMs: T + 1 }),
    ev({ type: 'view', eventTimeMs: T + 5000 }),
    ev({ type: 'purchase' }),
  );
  const actual = [
    agg({ count: 1, distinct_users: 1 }), // 2 expected
    agg({ key: 'pg12:view', window_start_ms: T + 5000, window_end_ms: T + 10_000, count: 2 }),
    agg({ key: 'pg12:view', window_start_ms: T + 5000, window_end_ms: T + 10_000, count: 2 }),
    agg({ key: 'pg12:view', window_start_ms: T + 5000, window_end_ms: T + 10_000, count: 2 }),
    agg({ key: 'pg99:click', count: 4 }),
    agg({ key: 'pg12:old', window_start_ms: T - 3_600_000, count: 9 }), // another run: ignored
  ];
  const d = diffAggregates('aggregates topic', windows, actual, span, true);
  assert.deepEqual(
    { ...d, differences: [], missingWindows: [] },
    {
      source: 'aggregates topic',
      mismatches: 5,
      missing: 1,
      unexpected: 1,
      repeated: 1,
      duplicateEmissions: 2,
      recordsLost: 2,
      recordsDuplicated: 5,
      missingWindows: [],
      differences: [],
    },
  );
  assert.deepEqual(d.missingWindows, ['window pg12:purchase [10:00:05,10:00:10)']);
  assert.deepEqual(d.differences, [
    'window pg12:view [10:00:10,10:00:15): emitted 3 times to the aggregates topic (once expected)',
    'window pg12:click [10:00:05,10:00:10): expected count 2, aggregates topic 1; expected distinct_users 2, aggregates topic 1',
    'window pg12:purchase [10:00:05,10:00:10): expected count 1, the aggregates topic has no value',
    'window pg12:view [10:00:10,10:00:15): expected count 1, aggregates topic 2',
    'window pg99:click [10:00:05,10:00:10): not expected (no record of the run falls in it), aggregates topic count 4',
  ]);
  const redis = diffAggregates('Redis', windows, actual, span, false);
  assert.equal(redis.recordsLost + redis.recordsDuplicated, 0);
  assert.equal(windowLabel('k', T + 250, T + 5250), 'window k [10:00:05.250,10:00:10.250)');
});

test('verdict: metrics sum the ledger and the aggregates topic; the text names undrained windows and the first differences', () => {
  const { windows, span } = expectedOf(ev({}), ev({ type: 'purchase' }));
  const topic = diffAggregates('aggregates topic', windows, [agg({})], span, true);
  const f: OracleFindings = {
    records: 2,
    generators: 1,
    malformed: 3,
    ledgerLost: 1,
    ledgerDuplicated: 0,
    outOfOrder: 0,
    lateDropped: 4,
    windowsExpected: 2,
    windowsUncertain: 0,
    ledgerProblems: [{ kind: 'lost', text: 'record 1#7 is missing from the input topic' }],
    sources: [topic],
    drained: false,
  };
  assert.deepEqual(oracleMetrics(f), {
    records_lost: 2,
    records_duplicated: 0,
    records_out_of_order: 0,
    aggregate_mismatches: 1,
    aggregate_duplicates: 0,
    late_dropped: 4,
    records_malformed: 3,
    windows_uncertain: 0,
  });
  assert.equal(
    verdictText(f),
    [
      'oracle: WRONG — 2 records from 1 generators (3 malformed, 4 later than the grace), 2 windows expected (0 uncertain, not compared); lost 2 (1 missing from the input topic, 1 missing from windows), duplicated 0, out of order 0, mismatched windows 1, window results emitted again 0',
      '  the pipeline did not drain by the deadline: 1 windows still missing from the aggregates topic, e.g. window pg12:purchase [10:00:05,10:00:10)',
      '  input: record 1#7 is missing from the input topic',
      '  window pg12:purchase [10:00:05,10:00:10): expected count 1, the aggregates topic has no value',
    ].join('\n'),
  );
  assert.match(verdictText({ ...f, ledgerLost: 0, sources: [], drained: true, ledgerProblems: [] }), /^oracle: CORRECT/);
  const again = {
    ...f,
    ledgerLost: 0,
    drained: true,
    ledgerProblems: [],
    sources: [{ ...emptySourceDiff('aggregates topic'), duplicateEmissions: 2 }],
  };
  assert.equal(oracleMetrics(again).aggregate_duplicates, 2);
  assert.match(verdictText(again), /^oracle: WRONG .* window results emitted again 2$/);
});

test('the last windows of a run, closed by idle-close rather than by a later record, are uncertain', () => {
  const x = new ExpectedAggregates(S);
  x.add(ev({}));
  x.add(ev({ eventTimeMs: T + 5000 }));
  const w = x.finish(T + 5000 + 250 + 1000);
  assert.equal(w.get(`pg12:click@${T}`)?.uncertain, false);
  assert.equal(w.get(`pg12:click@${T + 5000}`)?.uncertain, true);
});
