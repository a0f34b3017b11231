/**
 * Every way a run ends, with Kafka clients, a timer and a promise the script left open: the CLI exits with k6's code
 * within a bound past the cause, and its consumer-group members have left (their clients were closed, not dropped).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { startCli, type CliResult } from './run-cli.ts';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** from the cause to the process's end: closing clients (2 s at most) and stopping workers (5 s at most), on a busy machine */
const BOUND_MS = 12_000;
const suffix = `${process.pid}-${Date.now()}`;
const topic = `sp-e2e-exit-${suffix}`;
const admin = new Kafka({ clientId: 'exit-paths-test', brokers: BROKERS.split(','), logLevel: 0 }).admin();

before(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
});
after(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

interface Ended extends CliResult {
  /** ms from the cause (the MARK line, or the signal) to the exit */
  afterCause: number;
  group: string;
}

/** Runs one case; `signal` is sent at the MARK line. Fails if the process outlives the bound after the cause. */
async function runCase(name: string, opts: { signal?: NodeJS.Signals; brokers?: string } = {}): Promise<Ended> {
  const group = `sp-e2e-exit-${name}-${suffix}`;
  const run = startCli(['exit-paths.ts'], { env: { CASE: name, TOPIC: topic, GROUP: group, BROKERS: opts.brokers ?? BROKERS }, timeoutMs: 90_000 });
  await run.waitFor(new RegExp(`MARK ${name}`));
  const cause = Date.now();
  if (opts.signal) run.child.kill(opts.signal);
  const killer = setTimeout(() => run.child.kill('SIGKILL'), BOUND_MS);
  const r = await run.result;
  clearTimeout(killer);
  const afterCause = Date.now() - cause;
  assert.ok(r.code !== null && afterCause < BOUND_MS, `still alive ${BOUND_MS / 1000}s after the cause (killed)\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  return { ...r, afterCause, group };
}

function expectExit(r: Ended, code: number, mention?: RegExp): void {
  assert.equal(r.code, code, `expected exit ${code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  if (mention) assert.match(r.stderr, mention);
}

/** A client closed by the run leaves its group; one the process merely dropped stays a member until its session times out. */
async function assertGroupLeft(group: string): Promise<void> {
  const { groups } = await admin.describeGroups([group]);
  assert.deepEqual(groups[0]?.members ?? [], [], `group ${group} still has members: the run did not close its readers`);
}

describe('every exit path ends the process with its code and closes its clients', { concurrency: 2 }, () => {
  const cases: [string, number, RegExp][] = [
    ['init-throws', 107, /init failed on purpose/],
    ['vu-init-throws', 107, /VU init failed on purpose/],
    ['setup-throws', 107, /setup\(\) failed: Error: setup threw on purpose/],
    ['setup-rejects', 255, /setup\(\) failed: Error: setup rejected on purpose/],
    ['setup-timeout', 100, /setup\(\) execution timed out/],
    ['teardown-throws', 107, /teardown threw on purpose/],
    ['teardown-timeout', 101, /teardown\(\) execution timed out/],
    ['summary-throws', 107, /handleSummary threw on purpose/],
    ['test-abort', 108, /enough on purpose/],
    ['abort-on-fail', 99, /thresholds on metrics 'errors' were crossed/],
    ['normal', 0, /MARK normal/],
  ];
  for (const [name, code, mention] of cases) {
    test(`${name} ⇒ ${code}`, async () => {
      const r = await runCase(name);
      expectExit(r, code, mention);
      await assertGroupLeft(r.group);
    });
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} during the run ⇒ 105, after teardown and the summary`, async () => {
      const r = await runCase('signal', { signal });
      expectExit(r, 105, new RegExp(`received a '${signal}' signal`));
      assert.match(r.stdout, /summary of signal/);
      await assertGroupLeft(r.group);
    });
  }

  test('brokers that do not answer ⇒ 111', async () => {
    const run = startCli(['exit-paths.ts'], { env: { CASE: 'normal', TOPIC: topic, GROUP: 'none', BROKERS: '127.0.0.1:1' }, timeoutMs: 60_000 });
    const r = await run.result;
    assert.equal(r.code, 111, r.stderr);
    assert.match(r.stderr, /127\.0\.0\.1:1/);
  });
});
