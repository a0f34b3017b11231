import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePerfTest } from '../../../bench/ingest/perf-test-output.ts';

const progress = [
  '500000 records sent, 100000.0 records/sec (36.00 MB/sec), 150.0 ms avg latency, 372.0 ms max latency.',
  '1500000 records sent, 300000.0 records/sec (108.00 MB/sec), 50.0 ms avg latency, 210.0 ms max latency.',
];

test('a completed run: the final line, not the progress lines', () => {
  const out = [
    ...progress,
    '2000000 records sent, 200000.0 records/sec (72.00 MB/sec), 75.31 ms avg latency, 372.00 ms max latency, 60 ms 50th, 190 ms 95th, 300 ms 99th, 360 ms 99.9th.',
  ].join('\n');
  assert.deepEqual(parsePerfTest(out), {
    records: 2_000_000,
    recordsPerSecond: 200_000,
    mbPerSecond: 72,
    avgLatencyMs: 75.31,
    maxLatencyMs: 372,
    p99Ms: 300,
    complete: true,
  });
});

test('a run stopped on time: the progress windows add up (records over their summed durations)', () => {
  const r = parsePerfTest(`${progress.join('\n')}\n`);
  // 2,000,000 records in 5 s + 5 s
  assert.equal(r.records, 2_000_000);
  assert.equal(r.recordsPerSecond, 200_000);
  assert.equal(r.mbPerSecond, 72);
  assert.equal(r.avgLatencyMs, 75);
  assert.equal(r.maxLatencyMs, 372);
  assert.equal(r.p99Ms, undefined);
  assert.equal(r.complete, false);
});

test('names what is missing when the tool failed', () => {
  assert.throws(() => parsePerfTest('Exception in thread "main" org.apache.kafka.common.KafkaException'), /no "records sent" line/);
});
