/**
 * Bundles the VU-thread runtime (vu-thread.ts and what it imports) into one CommonJS file, once
 * per content: each classic VU thread then loads plain JavaScript, not tsx and the TypeScript
 * sources. The Kafka client stays out (it runs on the I/O thread only). Threads load it through
 * VU_THREAD_LOADER (vu-thread-loader.ts) with V8's code cache. Packages a VU thread rarely runs
 * load on first use (LAZY_PACKAGES): every thread that loaded them would pay their heap.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { VURuntime } from './vu-thread-loader.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Packages the VU runtime imports but a classic VU rarely runs, with the names the runtime reads
 * from them: undici (HTTP runs on the I/O thread), ajv (JSON Schema validation), avsc (Avro serde).
 * Loaded on the first read of a name: 9–10 MB of RSS per VU thread when none is used.
 */
export const LAZY_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  undici: ['buildConnector', 'Client'],
  ajv: ['Ajv'],
  avsc: ['Type'],
};

/** A CommonJS module whose exports `names` read from `pkg`, required at the first read. */
export function lazyModule(pkg: string, names: readonly string[]): string {
  return (
    `let real;\nconst load = () => (real ??= require(${JSON.stringify(pkg)}));\n` +
    names
      .map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });\n`)
      .join('')
  );
}

const lazyPackages: esbuild.Plugin = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|')})$`);
    build.onResolve({ filter }, (args) =>
      // the stub's own require() stays a plain runtime require of the package
      args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: lazyModule(args.path, LAZY_PACKAGES[args.path]!),
      loader: 'js',
    }));
  },
};

export async function buildVURuntime(): Promise<VURuntime> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'runtime/classic/vu-thread.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['@platformatic/kafka', 'esbuild', 'tsx'],
    plugins: [lazyPackages],
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
