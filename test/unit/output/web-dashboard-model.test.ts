import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DROPPED_ITERATIONS, ITERATION_DURATION, ITERATIONS, VUS } from '../../../runtime/metrics/builtin.ts';
import type { MetricDef } from '../../../runtime/metrics/metric.ts';
import { MetricStore, type StoreSnapshot } from '../../../runtime/metrics/store.ts';
import { DashboardModel, type DashboardView } from '../../../runtime/output/web-dashboard/model.ts';
import type { SummaryData } from '../../../runtime/summary/data.ts';

const WRITES: MetricDef = { name: 'kafka_writer_message_count', type: 'counter', contains: 'default' };
const LOST: MetricDef = { name: 'records_lost', type: 'counter', contains: 'default' };
const FAULT: MetricDef = { name: 'fault_active', type: 'gauge', contains: 'default' };

/** one interval's delta: `fill` adds the samples a worker would have drained */
function delta(fill: (store: MetricStore) => void): StoreSnapshot {
  const store = new MetricStore();
  fill(store);
  return store.drain();
}

function model(periodMs: number, thresholds: Record<string, string[]> = {}): DashboardModel {
  const m = new DashboardModel({ title: 't.ts', periodMs, thresholds });
  m.start(0);
  return m;
}

const panel = (view: DashboardView, id: string) => view.panels.find((p) => p.id === id);
const series = (view: DashboardView, id: string, label: string) => panel(view, id)?.series.find((s) => s.label === label)?.values;

describe('web dashboard model', () => {
  it('makes one point per period from the ~1 s intervals', () => {
    const m = model(2000);
    const completed = [1000, 2000, 3000, 4000].map((t) =>
      m.add({
        timeMs: t,
        delta: delta((s) => {
          for (let i = 0; i < 10; i++) s.add(ITERATIONS, {}, 1);
          s.add(ITERATION_DURATION, {}, t / 10);
        }),
      }),
    );
    assert.deepEqual(completed, [false, true, false, true]);
    const view = m.view();
    assert.deepEqual(view.times, [2000, 4000]);
    assert.deepEqual(series(view, 'throughput', 'iterations/s'), [10, 10]);
    assert.deepEqual(series(view, 'iteration-duration', 'max'), [200, 400]);
    assert.deepEqual(series(view, 'iteration-duration', 'median'), [150, 350]);
  });

  it('closes a period within half an interval of its length (timers drift)', () => {
    const m = model(2000);
    assert.equal(m.add({ timeMs: 1000, delta: delta(() => {}) }), false);
    assert.equal(m.add({ timeMs: 1990, delta: delta(() => {}) }), true);
  });

  it('takes the rates of a short last period over at least an interval (it holds whole worker reports)', () => {
    const m = model(1000);
    m.add({ timeMs: 1000, delta: delta((s) => s.add(ITERATIONS, {}, 10)) });
    m.add({ timeMs: 1200, delta: delta((s) => s.add(ITERATIONS, {}, 10)) });
    m.finish(undefined);
    assert.deepEqual(series(m.view(), 'throughput', 'iterations/s'), [10, 10]);
  });

  it('shows only the panels and series whose metrics have samples', () => {
    const m = model(1000);
    m.add({ timeMs: 1000, delta: delta((s) => s.add(ITERATIONS, {}, 1)) });
    const view = m.view();
    assert.deepEqual(
      view.panels.map((p) => p.id),
      ['throughput'],
    );
    assert.deepEqual(
      panel(view, 'throughput')!.series.map((s) => s.label),
      ['iterations/s'],
    );
    m.add({ timeMs: 2000, delta: delta((s) => s.add(WRITES, { topic: 'a' }, 5)) });
    const later = m.view();
    assert.deepEqual(series(later, 'throughput', 'produced msg/s'), [null, 5], 'a series that appears later starts with gaps');
    assert.deepEqual(series(later, 'throughput', 'iterations/s'), [1, 0], 'a counter without samples in a period is 0');
  });

  it('charts rates per second of the period, gauges by their last value', () => {
    const m = model(2000);
    m.add({ timeMs: 1000, delta: delta((s) => s.add(DROPPED_ITERATIONS, {}, 3)) });
    m.add({
      timeMs: 2000,
      delta: delta((s) => {
        s.add(DROPPED_ITERATIONS, {}, 1);
        s.add(VUS, {}, 4);
        s.add(VUS, {}, 7);
      }),
    });
    const view = m.view();
    assert.deepEqual(series(view, 'dropped', 'dropped/s'), [2]);
    assert.deepEqual(series(view, 'vus', 'vus'), [7]);
  });

  it('keeps running totals of the oracle counters and reports them as verdicts', () => {
    const m = model(1000);
    m.add({ timeMs: 1000, delta: delta((s) => s.add(LOST, {}, 2)) });
    m.add({ timeMs: 2000, delta: delta(() => {}) });
    m.add({ timeMs: 3000, delta: delta((s) => s.add(LOST, {}, 1)) });
    const view = m.view();
    assert.deepEqual(series(view, 'oracle', 'records_lost'), [2, 2, 3]);
    assert.deepEqual(view.verdicts, [{ metric: 'records_lost', count: 3 }]);
  });

  it('turns the fault_active gauge into windows per fault tag', () => {
    const m = model(1000);
    const fault = (name: string, value: number) => (s: MetricStore) => s.add(FAULT, { fault: name }, value);
    m.add({ timeMs: 1000, delta: delta(fault('pause', 0)) });
    m.add({ timeMs: 2000, delta: delta(fault('pause', 1)) });
    m.add({ timeMs: 3000, delta: delta(() => {}) }); // no sample: the gauge still reads 1
    m.add({ timeMs: 4000, delta: delta(fault('pause', 0)) });
    m.add({ timeMs: 5000, delta: delta(fault('partition', 1)) });
    m.finish(undefined);
    assert.deepEqual(m.view().faults, [
      { fault: 'pause', fromMs: 1000, toMs: 4000 },
      { fault: 'partition', fromMs: 4000, toMs: 5000 },
    ]);
  });

  it('evaluates thresholds live (pending without samples) and takes the final verdicts at the end', () => {
    const m = model(1000, { records_lost: ['count < 1'], kafka_writer_message_count: ['count > 10'] });
    m.add({ timeMs: 1000, delta: delta((s) => s.add(WRITES, {}, 20)) });
    assert.deepEqual(m.view().thresholds, [
      { metric: 'records_lost', source: 'count < 1' },
      { metric: 'kafka_writer_message_count', source: 'count > 10', ok: true, value: 20 },
    ]);
    m.add({ timeMs: 1500, delta: delta((s) => s.add(LOST, {}, 1)) });
    const summary = {
      metrics: { records_lost: { type: 'counter', contains: 'default', values: { count: 1, rate: 0.6 } } },
    } as unknown as SummaryData;
    m.finish({
      summary,
      thresholds: {
        ok: false,
        abort: false,
        results: {
          records_lost: { 'count < 1': { ok: false, value: 1 } },
          kafka_writer_message_count: { 'count > 10': { ok: true, value: 20 } },
        },
      },
      exitCode: 99,
      durationMs: 1500,
    });
    const view = m.view();
    assert.deepEqual(view.times, [1000, 1500], 'the partial last period becomes a point');
    assert.deepEqual(view.thresholds[0], { metric: 'records_lost', source: 'count < 1', ok: false, value: 1 });
    assert.deepEqual(view.end, {
      durationMs: 1500,
      exitCode: 99,
      summary: [{ metric: 'records_lost', type: 'counter', contains: 'default', values: { count: 1, rate: 0.6 } }],
    });
  });
});
