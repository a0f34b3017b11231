/**
 * Bundles the VU-thread runtime (vu-thread.ts and what it imports) into one CommonJS file, once
 * per content: each classic VU thread then loads plain JavaScript, not tsx and the TypeScript
 * sources. The Kafka client stays out (it runs on the I/O thread only). Threads load it through
 * VU_THREAD_LOADER with V8's code cache, which the first thread writes and the others reuse.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

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

export async function buildVURuntime(): Promise<VURuntime> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'runtime/classic/vu-thread.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['@platformatic/kafka', 'esbuild', 'tsx'],
    // runtime/loader/source-map.ts finds the runtime's own frames from its import.meta.url
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(ROOT, 'runtime/loader/source-map.ts')).href) },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  // inside node_modules so that an external package (never loaded in practice) would still resolve
  const dir = path.join(ROOT, 'node_modules/.cache/streamprobe');
  const file = path.join(dir, `vu-thread-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return { file, cacheFile: `${file}.v8cache` };
}
