/**
 * Classic mode end to end: synchronous xk6-kafka-style scripts (written from the API docs) run
 * unchanged against the real broker with every check passing; interrupts and timeouts keep k6's
 * semantics. Needs the broker at KAFKA_BROKERS (test/run.sh starts one).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { count, expectCode, failedChecks, FIXTURES, ROOT, runCli, runWithExport } from './run-cli.ts';

const fixture = (name: string) => path.join(FIXTURES, 'classic', `${name}.js`);
const topic = (name: string) => `classic-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
// not quiet: the banner names the mode
const TIMEOUT = { timeoutMs: 180_000, quiet: false };

async function passes(name: string, extra: string[] = []) {
  const r = await runWithExport([fixture(name), '-e', `TOPIC=${topic(name)}`, ...extra], TIMEOUT);
  expectCode(r, 0);
  assert.match(r.stdout, /classic mode/);
  assert.deepEqual(failedChecks(r.summary), []);
  assert.ok(Object.keys(r.summary.root_group.checks).length > 0, 'the script made checks');
  return r;
}

describe('classic mode: xk6-kafka example-style scripts run unchanged', { timeout: 900_000 }, () => {
  it('JSON: produce and consume with serde, headers and time strings', async () => void (await passes('json')));
  it('string keys and values', async () => void (await passes('string')));
  it('bytes keys and values', async () => void (await passes('bytes')));
  it('Avro without a schema registry', async () => void (await passes('avro')));
  it('topics admin: listTopics().includes(), createTopic, deleteTopic in init and iterations', async () => void (await passes('topics')));
  it('a consumer group shared by two VUs', async () => void (await passes('consumer-group')));

  it('acceptance: 50 VUs, 200 JSON messages per iteration, Connection in init, thresholds on kafka_* metrics', async () => {
    const r = await passes('acceptance', ['-e', 'DURATION=5s']);
    assert.ok((count(r.summary, 'kafka_writer_message_count') ?? 0) >= 10_000);
    assert.equal(count(r.summary, 'kafka_reader_message_count'), count(r.summary, 'kafka_writer_message_count'));
  });
});

describe('classic mode: interrupts and timeouts', { timeout: 600_000 }, () => {
  it('a synchronous script that sleeps is classic, and gracefulRampDown 0s stops sleep() where it is: 6 started, 3 finished, 3 iterations (k6)', async () => {
    const r = await runWithExport([path.join(ROOT, 'test/compat/scripts/graceful-ramp-down.js')], TIMEOUT);
    expectCode(r, 0);
    assert.equal(count(r.summary, 'started'), 6);
    assert.equal(count(r.summary, 'finished'), 3);
    assert.equal(count(r.summary, 'iterations'), 3);
  });

  it('gracefulStop interrupts a consume() blocked on an empty topic; nothing after it runs', async () => {
    const r = await runWithExport([fixture('blocked-consume'), '-e', `TOPIC=${topic('blocked')}`], TIMEOUT);
    expectCode(r, 0);
    assert.equal(count(r.summary, 'after_consume'), undefined);
    assert.equal(count(r.summary, 'iterations'), undefined);
  });

  it("a consume() on an empty topic ends at maxWait with xk6-kafka's error 3001, or [] with expectTimeout", async () =>
    void (await passes('consume-timeout')));
});

describe('mode choice', { timeout: 120_000 }, () => {
  it('a script without blocking modules keeps async mode', async () => {
    const r = await runCli(['counts.ts'], TIMEOUT);
    expectCode(r, 0);
    assert.match(r.stdout, /async mode/);
  });

  it('more classic VUs than free memory holds: exit 104 with the number that fits', async () => {
    const r = await runCli([fixture('too-many-vus')], TIMEOUT);
    assert.equal(r.code, 104, r.stderr);
    assert.match(r.stderr, /needs 100000 VUs, but classic mode .* fits about \d+/);
  });

  it('--mode rejects an unknown value with a usage error', async () => {
    const r = await runCli(['--mode', 'sync', 'counts.ts']);
    assert.equal(r.code, 104, r.stderr);
    assert.match(r.stderr, /--mode must be classic, async or auto/);
  });
});
