import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimeline, steadyRate, type Sample } from '../../../bench/ingest/steady-rate.ts';

/** A run starting at `startS` (s), ramping linearly to `rate` over `rampS`, then steady for `steadyS`, sampled every second. */
function timeline(o: { startS: number; rampS: number; steadyS: number; rate: number; samples: number; phaseS?: number }): Sample[] {
  const count = (s: number): number => {
    const t = s - o.startS;
    if (t <= 0) return 0;
    if (t <= o.rampS) return Math.floor((o.rate * t * t) / (2 * o.rampS));
    const steady = Math.min(t - o.rampS, o.steadyS);
    return Math.floor((o.rate * o.rampS) / 2 + o.rate * steady);
  };
  return Array.from({ length: o.samples }, (_, i) => {
    const s = i + (o.phaseS ?? 0);
    return { t: 1_000_000 + s * 1000, messages: count(s) };
  });
}

test('measures the steady stage only, whatever the sampling phase', () => {
  for (const phaseS of [0, 0.25, 0.5, 0.99]) {
    const samples = timeline({ startS: 3.3, rampS: 5, steadyS: 20, rate: 10_000, samples: 35, phaseS });
    const r = steadyRate(samples, 5000, 1000);
    assert.ok(r, `phase ${phaseS}`);
    assert.ok(Math.abs(r.eventsPerSecond - 10_000) < 1, `phase ${phaseS}: ${r.eventsPerSecond}`);
    // inside [start + ramp, start + ramp + steady] = [8.3 s, 28.3 s] of the timeline
    assert.ok(r.fromMs >= 8300 && r.toMs <= 28_300, `window ${r.fromMs}–${r.toMs}`);
  }
});

test('a writer that falls behind shows as a lower steady rate', () => {
  const samples: Sample[] = [0, 0, 500, 2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 18_000, 18_000].map(
    (messages, i) => ({ t: i * 1000, messages }),
  );
  const r = steadyRate(samples, 2000, 1000);
  assert.ok(r);
  assert.equal(r.eventsPerSecond, 2000);
});

test('undefined when nothing was written or the steady stage is too short to measure', () => {
  assert.equal(steadyRate([], 1000, 1000), undefined);
  assert.equal(
    steadyRate(
      [
        { t: 0, messages: 0 },
        { t: 1000, messages: 0 },
      ],
      1000,
      1000,
    ),
    undefined,
  );
  const short = timeline({ startS: 1, rampS: 1, steadyS: 3, rate: 100, samples: 8 });
  assert.equal(steadyRate(short, 1000, 1000), undefined);
});

test('parseTimeline reads JSON lines and skips blank ones', () => {
  assert.deepEqual(parseTimeline('{"t":1,"messages":0}\n\n{"t":2,"messages":5}\n'), [
    { t: 1, messages: 0 },
    { t: 2, messages: 5 },
  ]);
});
