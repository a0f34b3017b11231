// npm run kafka:down [-- --clean]
// Stops every local Kafka node this repo started (SIGTERM, then SIGKILL after a grace period) and waits for them.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isAlive, pidFile, runningPid, waitUntil } from './processes.ts';
import { CACHE_DIR } from './toolchain.ts';

const GRACE_MS = 30_000;
const { values } = parseArgs({ options: { clean: { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const nodeDirs = existsSync(CACHE_DIR)
    ? readdirSync(CACHE_DIR)
        .filter((n) => /^node\d+$/.test(n))
        .map((n) => join(CACHE_DIR, n))
    : [];
  const pids = nodeDirs.flatMap((dir) => {
    const pid = runningPid(dir);
    return pid === undefined ? [] : [{ dir, pid }];
  });
  // All at once: in combined mode a node waits for the quorum while shutting down, so serial stops would stall.
  for (const { pid } of pids) process.kill(pid, 'SIGTERM');
  const stopped = await waitUntil(() => pids.every(({ pid }) => !isAlive(pid)), GRACE_MS);
  if (!stopped) {
    for (const { pid } of pids.filter(({ pid }) => isAlive(pid))) process.kill(pid, 'SIGKILL');
    await waitUntil(() => pids.every(({ pid }) => !isAlive(pid)), 5000);
  }
  for (const { dir } of pids) rmSync(pidFile(dir), { force: true });
  console.log(
    pids.length === 0 ? 'local Kafka was not running' : `stopped ${pids.length} Kafka node(s)${stopped ? '' : ' (some killed after 30 s)'}`,
  );

  if (values.clean) {
    for (const dir of nodeDirs) rmSync(dir, { recursive: true, force: true });
    rmSync(join(CACHE_DIR, 'cluster.json'), { force: true });
    console.log(`wiped Kafka data and logs under ${CACHE_DIR} (jars kept)`);
  }
}

await main();
