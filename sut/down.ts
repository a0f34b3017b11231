// npm run sut:down [-- --dir D --clean]: stops what sut:up started (topics are kept); --clean also removes the run folder.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stopPipeline } from './pipeline.ts';
import { REPO_ROOT } from './toolchain.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' }, clean: { type: 'boolean', default: false } } });
const dir = values.dir ?? process.env.STREAMPROBE_SUT_DIR ?? join(REPO_ROOT, '.cache', 'sut');
const stopped = await stopPipeline(dir);
console.log(stopped === 0 ? 'reference pipeline was not running' : `stopped ${stopped} pipeline process(es)`);
if (values.clean) {
  rmSync(dir, { recursive: true, force: true });
  console.log(`removed ${dir} (logs, Kafka Streams state, lake files)`);
}
