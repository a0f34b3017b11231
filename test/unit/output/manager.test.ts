/** The output manager: worker deltas and main-thread samples merged per interval, individual samples kept on request. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetricDef } from '../../../runtime/metrics/metric.ts';
import { MetricStore, transferables } from '../../../runtime/metrics/store.ts';
import { OutputManager, createOutputs } from '../../../runtime/output/manager.ts';
import type { MetricsInterval, Output, TestEnd } from '../../../runtime/output/output.ts';
import { consolidate } from '../../../runtime/options/consolidate.ts';

const counter: MetricDef = { name: 'msgs', type: 'counter', contains: 'default' };
const vus: MetricDef = { name: 'vus', type: 'gauge', contains: 'default' };
const log = { debug() {}, info() {}, warn() {}, error() {} };
const ctx = { scriptPath: 's.js', options: consolidate({ env: {}, cli: {} }), env: {}, log };

function recorder(perSample: boolean) {
  const intervals: MetricsInterval[] = [];
  const ends: (TestEnd | undefined)[] = [];
  const output: Output = {
    description: 'recorder',
    perSample,
    async start() {},
    addMetrics: (i) => void intervals.push(i),
    async stop(end) {
      ends.push(end);
    },
  };
  return { output, intervals, ends };
}

describe('output manager', () => {
  it('a worker store keeps individual samples only when asked, and ships them with the deltas', () => {
    const store = new MetricStore();
    store.add(counter, {}, 1);
    store.keepIndividualSamples();
    store.add(counter, {}, 2);
    store.add(counter, { k: 'v' }, 3);
    const delta = store.drain();
    assert.deepEqual(
      delta.series.map((s) => [s.tags, [...s.samples!].filter((_, i) => i % 2 === 1)]),
      [
        [{}, [2]],
        [{ k: 'v' }, [3]],
      ],
    );
    assert.ok(delta.series[0]!.samples![0]! > 1.7e12, 'epoch ms');
    assert.equal(transferables(delta).length, 2);
    assert.equal(store.drain().series.length, 0);
  });

  it('merges the workers and the main thread into one interval and stops every output once', async () => {
    const rec = recorder(true);
    const m = new OutputManager([rec.output], ctx);
    assert.ok(m.keepSamples);
    const worker = () => {
      const s = new MetricStore();
      s.keepIndividualSamples();
      s.add(counter, {}, 5);
      return s.drain();
    };
    await m.start(Date.now());
    m.collect(worker());
    m.collect(worker());
    m.add(vus, {}, 4);
    await m.stop(undefined);
    await m.stop(undefined);
    assert.equal(rec.intervals.length, 1);
    const [msgs, gauge] = rec.intervals[0]!.delta.series;
    assert.deepEqual(msgs!.data, { samples: 2, sum: 10 });
    assert.equal(msgs!.samples!.length, 4);
    assert.equal(gauge!.metric, 'vus');
    assert.deepEqual(rec.ends, [undefined]);
  });

  it('aggregate-only outputs do not make workers keep samples; no outputs collect nothing', () => {
    assert.equal(new OutputManager([recorder(false).output], ctx).keepSamples, false);
    const none = createOutputs([], ctx, { junit: null, webDashboard: false });
    assert.deepEqual(none.descriptions, []);
    assert.equal(none.keepSamples, false);
  });

  it('unknown output names list the available ones (exit 104)', () => {
    assert.throws(
      () => createOutputs([{ type: 'cloud', arg: '' }], ctx, { junit: null, webDashboard: false }),
      (e: Error & { exitCode?: number }) => {
        assert.match(e.message, /unknown output "cloud"; available outputs: csv, experimental-prometheus-rw, json/);
        return e.exitCode === 104;
      },
    );
  });
});
