// npm run sut:status [-- --dir D]: each part of the pipeline, whether it runs and what its health endpoint says.
// Exit 0 when everything is up, 3 when something is down or not started.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allChildren, health, readState } from './pipeline.ts';
import { childAlive } from './processes.ts';
import { REPO_ROOT } from './toolchain.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = values.dir ?? process.env.STREAMPROBE_SUT_DIR ?? join(REPO_ROOT, '.cache', 'sut');
const s = readState(dir);
if (!s) {
  console.log(`reference pipeline not started (no state under ${dir}); npm run sut:up`);
  process.exit(3);
}
let healthy = true;
for (const c of allChildren(s)) {
  const alive = !c.owned || childAlive(c);
  const h = c.name === 'redis' ? undefined : await health(c.port);
  const ok = alive && (c.name === 'redis' || h?.status === 200);
  healthy &&= ok;
  const detail = h ? JSON.stringify(h.body) : c.owned ? '' : '(not started by sut:up)';
  console.log(`${ok ? 'up  ' : 'DOWN'} ${c.name.padEnd(12)} pid ${String(c.pid).padEnd(8)} port ${String(c.port).padEnd(6)} ${detail}`);
}
process.exit(healthy ? 0 : 3);
