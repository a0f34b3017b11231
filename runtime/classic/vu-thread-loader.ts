/** How a classic VU thread loads the bundled runtime (vu-runtime.ts builds it); no esbuild here, async workers import this file. */

export interface VURuntime {
  readonly file: string;
  readonly cacheFile: string;
}

/**
 * The code a VU thread starts with (Worker `eval`): compiles the bundle with the cached code
 * when there is one, runs it, and leaves the cache for the next threads (after the init
 * context ran, so the functions it compiled are in it).
 */
export const VU_THREAD_LOADER = `
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');
const [file, cacheFile] = process.argv.slice(2);
const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
if (!cachedData || script.cachedDataRejected) {
  const tmp = cacheFile + '.' + process.pid + '.' + require('node:worker_threads').threadId;
  fs.writeFileSync(tmp, script.createCachedData());
  fs.renameSync(tmp, cacheFile);
}
`;
