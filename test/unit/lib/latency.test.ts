import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventTimeLatencyMs,
  passThroughLatencyMs,
  slowestWindowEnds,
  visibleAtMs,
  windowEndLine,
  windowResultLatencyMs,
} from '../../../lib/latency.ts';

describe('latency definitions', () => {
  const end = 1_796_068_150_000;

  it('window result latency counts from the newest included event when it was sent at or after the window end', () => {
    // an out-of-order event of the window, sent 300 ms after its end
    assert.equal(windowResultLatencyMs(end + 900, end, (end + 300) * 1000), 600);
    assert.equal(windowResultLatencyMs(end + 900, end, end * 1000), 900);
  });

  it('window result latency counts from the window end when the newest event came earlier (a quiet key)', () => {
    // the key's last event 3 s before the end: the window stays open until its end whatever the pipeline does
    assert.equal(windowResultLatencyMs(end + 700, end, (end - 3000) * 1000), 700);
  });

  it('window result latency is undefined for a window without stamped events', () => {
    assert.equal(windowResultLatencyMs(end + 700, end, null), undefined);
    assert.equal(windowResultLatencyMs(end + 700, end, undefined), undefined);
    assert.equal(windowResultLatencyMs(end + 700, end, 0), undefined);
  });

  it('event-time latency keeps counting from the largest event time (Karimov et al.)', () => {
    assert.equal(eventTimeLatencyMs(end + 700, end - 3000), 3700);
  });

  it('visibility is the fetch arrival when known, else the call return; pass-through is from the intended send', () => {
    assert.equal(visibleAtMs({ visibleAt: 5 }, 9), 5);
    assert.equal(visibleAtMs({}, 9), 9);
    assert.equal(passThroughLatencyMs(end + 40, end * 1000 + 500), 39.5);
  });

  it('slowest window ends: grouped by window end, slowest first, with the median over their keys', () => {
    const at = (windowEndMs: number, latencyMs: number) => ({ windowEndMs, latencyMs });
    const slow = slowestWindowEnds(
      [at(end, 400), at(end, 500), at(end + 5000, 1530), at(end + 5000, 900), at(end + 5000, 1200), at(end + 10_000, 450)],
      2,
    );
    assert.deepEqual(slow, [
      { windowEndMs: end + 5000, maxMs: 1530, medianMs: 1200, keys: 3 },
      { windowEndMs: end, maxMs: 500, medianMs: 500, keys: 2 },
    ]);
    assert.equal(
      windowEndLine(slow[0]!),
      `window ending ${new Date(end + 5000).toISOString().slice(11, 19)}Z: max 1.53 s, median 1.20 s over 3 keys`,
    );
    assert.deepEqual(slowestWindowEnds([], 3), []);
  });
});
