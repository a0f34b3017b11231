/** A script that sets a Writer `balancer` gets exactly one warning per run, however many workers build writers. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { runCli, scratchDir } from '../../e2e/cli/run-cli.ts';
import { brokers } from './harness.ts';

const script = (initWriter: boolean, iterationWriter: boolean) => `
import { Writer, BALANCER_HASH } from 'k6/x/kafka';
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 4, iterations: 1 } } };
const config = { brokers: ${JSON.stringify(brokers)}, topic: 'never-written', balancer: BALANCER_HASH };
const w = ${initWriter ? 'new Writer(config)' : 'null'};
export default function () { if (${iterationWriter}) new Writer(config); }
export function teardown() { if (w) w.close(); }
`;

describe('balancer warning', () => {
  const scratch = scratchDir();
  after(scratch.cleanup);
  const count = (text: string) => text.split('WriterConfig.balancer is set: this script will not run on xk6-kafka v2').length - 1;

  for (const [name, init, iteration] of [
    ['in the init context', true, true],
    ['only in iterations', false, true],
  ] as const) {
    it(`is printed once when writers are built ${name}, on two workers`, async () => {
      const file = scratch.file(`${init}-${iteration}.js`);
      writeFileSync(file, script(init, iteration));
      const r = await runCli(['--mode', 'async', '--workers', '2', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(count(r.stdout + r.stderr), 1, r.stderr);
      assert.match(r.stderr, /Remove `balancer`: the default partitioner, librdkafka's consistent_random/);
    });

    it(`is printed once in classic mode when writers are built ${name}`, async () => {
      const file = scratch.file(`classic-${init}-${iteration}.js`);
      writeFileSync(file, script(init, iteration));
      const r = await runCli(['--mode', 'classic', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(count(r.stdout + r.stderr), 1, r.stderr);
    });
  }
});
