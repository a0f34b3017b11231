/**
 * Bundles the VU-thread runtime (vu-thread.ts and what it imports) into one CommonJS file, once
 * per content: each classic VU thread then loads plain JavaScript, not tsx and the TypeScript
 * sources. The Kafka client stays out (it runs on the I/O thread only). Threads load it through
 * VU_THREAD_LOADER (vu-thread-loader.ts) with V8's code cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { VURuntime } from './vu-thread-loader.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

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
