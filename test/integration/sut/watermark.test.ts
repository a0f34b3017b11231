// The processor's watermark with input partitions that get no traffic (sut/README.md "Window semantics"): they stop
// holding stream time after idle-close, so windows close while the load goes on, not only once it stops.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventGenerator, eventValue } from '../../../lib/events.ts';
import { compactStamp, startTestPipeline, type TestPipeline } from './harness.ts';

describe('watermark', { timeout: 300_000 }, () => {
  let p: TestPipeline;

  before(async () => {
    p = await startTestPipeline('watermark', { window: '1s', grace: '100ms', 'idle-close': '3s', 'no-lake': true });
  });

  after(async () => {
    await p?.stop();
  });

  it('closes windows under steady load to one of three input partitions', async () => {
    const gen = new EventGenerator({ seed: 3, pages: 2 });
    let seq = 0;
    let emitted = 0;
    // every 200 ms a batch of live events to partition 0 only: partitions 1 and 2 never send this task anything
    for (let i = 0; i < 150 && emitted === 0; i++) {
      const now = Date.now();
      await p.producer.send({
        messages: gen.batch(10, now).map((e) => ({
          topic: p.state.topics.events,
          partition: 0,
          key: e.key,
          value: eventValue(e),
          headers: { sp: compactStamp(seq++, now) },
        })),
      });
      await sleep(200);
      emitted = (await p.counters()).windows_emitted!;
    }
    assert.ok(emitted > 0, 'no window closed in 30 s of steady load to partition 0');
  });
});
