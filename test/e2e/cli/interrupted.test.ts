/** Interrupted iterations stop where they are, with k6's counts (docs/k6-compatibility.md#scenarios-and-executors). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { count, expectCode, runWithExport } from './run-cli.ts';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

describe('interrupted iterations', { concurrency: 3 }, () => {
  for (const name of ['ramp-down', 'graceful-stop']) {
    test(`${name}: 3 VUs × (started; sleep 1.2 s; finished) cut at 2 s ⇒ 6 started, 3 finished, 3 iterations`, async () => {
      const r = await runWithExport(['interrupted.ts'], { env: { CASE: name } });
      expectCode(r, 0);
      assert.equal(count(r.summary, 'started'), 6);
      assert.equal(count(r.summary, 'finished'), 3);
      assert.equal(count(r.summary, 'iterations'), 3);
      assert.equal(r.summary.root_group.checks['reached the end']?.passes, 3);
    });
  }

  test('a consume() waiting when gracefulStop ends returns into nothing: no finished, no iterations, no reader samples', async () => {
    const topic = `sp-e2e-interrupted-${process.pid}-${Date.now()}`;
    const admin = new Kafka({ clientId: 'interrupted-test', brokers: BROKERS.split(','), logLevel: 0 }).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
      const r = await runWithExport(['interrupted.ts'], { env: { CASE: 'kafka', TOPIC: topic, BROKERS } });
      expectCode(r, 0);
      assert.equal(count(r.summary, 'started'), 3);
      assert.equal(count(r.summary, 'finished'), undefined);
      assert.equal(count(r.summary, 'iterations'), undefined);
      assert.equal(count(r.summary, 'kafka_reader_message_count'), undefined, 'the cut consume() records nothing');
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
    }
  });
});
