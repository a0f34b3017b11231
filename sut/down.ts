// npm run sut:down [-- --dir D --clean --delete-topics]: stops what sut:up started. --clean also removes the run folder;
// --delete-topics deletes the pipeline's topics (only with a --prefix run: never the plain `events` of a shared cluster).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readState, stopPipeline } from './pipeline.ts';
import { deleteTopicsWithPrefix } from './topics.ts';
import { REPO_ROOT, SutError } from './toolchain.ts';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, clean: { type: 'boolean', default: false }, 'delete-topics': { type: 'boolean', default: false } },
});
const dir = values.dir ?? process.env.STREAMPROBE_SUT_DIR ?? join(REPO_ROOT, '.cache', 'sut');
try {
  const state = readState(dir);
  const stopped = await stopPipeline(dir);
  console.log(stopped === 0 ? 'reference pipeline was not running' : `stopped ${stopped} pipeline process(es)`);
  if (values['delete-topics']) {
    if (!state) throw new SutError(`no pipeline state under ${dir}: cannot tell which topics are the pipeline's`);
    const deleted = await deleteTopicsWithPrefix(state.options.brokers, state.options.prefix);
    console.log(`deleted ${deleted.length} topic(s) starting with ${state.options.prefix}`);
  }
  if (values.clean) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`removed ${dir} (logs, Kafka Streams state, lake files)`);
  }
} catch (err) {
  console.error(`sut:down: ${(err as Error).message}`);
  process.exit(1);
}
