/**
 * Every way a run ends, with Kafka clients, a timer and a promise the script left open: the CLI exits with k6's code
 * within a bound past the cause, and its consumer-group members have left (their clients were closed, not dropped).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { startCli, type CliResult, type StartedCli } from './run-cli.ts';

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

/**
 * Runs one case; at the MARK line `act` runs (e.g. sends a signal), and the cause is when it is done. Fails if the
 * process outlives the bound after the cause.
 */
async function runCase(name: string, act: (run: StartedCli) => Promise<void> | void = () => {}): Promise<Ended> {
  const group = `sp-e2e-exit-${name}-${suffix}`;
  const run = startCli(['exit-paths.ts'], { env: { CASE: name, TOPIC: topic, GROUP: group, BROKERS }, timeoutMs: 90_000 });
  await run.waitFor(new RegExp(`MARK ${name}`));
  await act(run);
  const cause = Date.now();
  const killer = setTimeout(() => run.child.kill('SIGKILL'), BOUND_MS);
  const r = await run.result;
  clearTimeout(killer);
  const afterCause = Date.now() - cause;
  assert.ok(
    r.code !== null && afterCause < BOUND_MS,
    `still alive ${BOUND_MS / 1000}s after the cause (killed)\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`,
  );
  return { ...r, afterCause, group };
}

function expectExit(r: Ended, code: number, mention?: RegExp): void {
  assert.equal(r.code, code, `expected exit ${code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  if (mention) assert.match(r.stderr, mention);
}

/**
 * A reader closed by the run leaves its group; one the process merely dropped stays a member until its session times
 * out (30 s). A few seconds of polling let a rebalance that the leaving members started settle.
 */
async function assertGroupLeft(group: string): Promise<void> {
  let members: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    const { groups } = await admin.describeGroups([group]);
    members = groups[0]?.members ?? [];
    if (members.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.deepEqual(members, [], `group ${group} still has members: the run did not close its readers`);
}

describe('every exit path ends the process with its code and closes its clients', { concurrency: 2 }, () => {
  // As k6 v1.7.1 + xk6-kafka v2.1.0 do with this script: the summary (here handleSummary's "summary of <case>")
  // follows every end but an error in the init context that gives the options; a handleSummary() that throws is
  // logged, the default summary printed instead, and the exit code stays the test's.
  const OWN = 'own';
  const cases: [string, number, RegExp, typeof OWN | RegExp | undefined][] = [
    ['init-throws', 107, /init failed on purpose/, undefined],
    ['vu-init-throws', 107, /VU init failed on purpose/, OWN],
    ['setup-throws', 107, /setup\(\) failed: Error: setup threw on purpose/, OWN],
    ['setup-rejects', 255, /setup\(\) failed: Error: setup rejected on purpose/, OWN],
    ['setup-timeout', 100, /setup\(\) execution timed out/, OWN],
    ['teardown-throws', 107, /teardown threw on purpose/, OWN],
    ['teardown-timeout', 101, /teardown\(\) execution timed out/, OWN],
    ['summary-throws', 0, /handleSummary threw on purpose/, /TOTAL RESULTS/],
    ['test-abort', 108, /enough on purpose/, OWN],
    ['abort-on-fail', 99, /thresholds on metrics 'errors' were crossed/, OWN],
    ['normal', 0, /MARK normal/, OWN],
  ];
  for (const [name, code, mention, summary] of cases) {
    test(`${name} ⇒ ${code}, ${summary ? 'after the summary' : 'without a summary'}`, async () => {
      const r = await runCase(name);
      expectExit(r, code, mention);
      if (summary === undefined) assert.doesNotMatch(r.stdout, /summary of|TOTAL RESULTS/);
      else assert.match(r.stdout, summary === OWN ? new RegExp(`summary of ${name}`) : summary);
      await assertGroupLeft(r.group);
    });
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} during the run ⇒ 105, after teardown and the summary`, async () => {
      const r = await runCase('signal', (run) => void run.child.kill(signal));
      expectExit(r, 105, new RegExp(`received a '${signal}' signal`));
      assert.match(r.stdout, /summary of signal/);
      await assertGroupLeft(r.group);
    });
  }

  test('SIGINT during setup() interrupts it ⇒ 105, after the summary', async () => {
    const r = await runCase('setup-timeout', (run) => void run.child.kill('SIGINT'));
    expectExit(r, 105, /received a 'SIGINT' signal/);
    assert.match(r.stdout, /summary of setup-timeout/);
    await assertGroupLeft(r.group);
  });

  test('a second signal ends the process at once ⇒ 105, without the summary', async () => {
    // the second once the first was handled (two pending signals of one kind would arrive as one)
    const r = await runCase('second-signal', async (run) => {
      run.child.kill('SIGINT');
      await run.waitFor(/received a 'SIGINT' signal/);
      run.child.kill('SIGINT');
    });
    expectExit(r, 105, /aborting at once in response to a second 'SIGINT' signal/);
    assert.doesNotMatch(r.stdout, /summary of/);
  });

  test('brokers that do not answer ⇒ 111', async () => {
    const run = startCli(['exit-paths.ts'], {
      env: { CASE: 'normal', TOPIC: topic, GROUP: 'none', BROKERS: '127.0.0.1:1' },
      timeoutMs: 60_000,
    });
    const r = await run.result;
    assert.equal(r.code, 111, r.stderr);
    assert.match(r.stderr, /127\.0\.0\.1:1/);
  });
});
