/**
 * Compiles a bundle once per thread into a factory; each VU calls the factory to run its own
 * init context (module-level state per VU, as in k6) at the cost of a closure, not a JS runtime.
 */
import path from 'node:path';
import vm from 'node:vm';
import type { ScriptBundle } from './bundle.ts';
import { callerModuleDir } from './source-map.ts';

export interface InitGlobals {
  require(specifier: string): unknown;
  open(file: string, mode?: string): string | ArrayBuffer;
  __ENV: Record<string, string>;
  __VU: number;
  setTimeout: (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  clearTimeout: (id: unknown) => void;
  setInterval: (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  clearInterval: (id: unknown) => void;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
}

export interface ScriptInstance {
  readonly exports: Record<string, unknown>;
  /** sets the script-visible `__ITER` */
  setIter(iter: number): void;
}

export type ScriptFactory = (globals: InitGlobals) => ScriptInstance;

/** V8 code cache: `produce` one (classic mode shares it with its VU threads) or start from `cachedData`. */
export interface CodeCache {
  readonly cachedData?: Uint8Array;
  readonly produce?: boolean;
}

const params = [
  'require',
  'module',
  'exports',
  'open',
  '__ENV',
  '__VU',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'console',
];

export function compileScript(bundle: ScriptBundle, cache: CodeCache = {}): ScriptFactory & { readonly cachedData?: Buffer } {
  // `__ITER` is a closure variable of each instance so every VU sees its own counter.
  const body = `let __ITER;\n${bundle.code}\n;return (i) => { __ITER = i; };`;
  const fn = vm.compileFunction(body, params, {
    filename: bundle.filename,
    lineOffset: -1,
    ...(cache.cachedData && { cachedData: cache.cachedData }),
    ...(cache.produce && { produceCachedData: true }),
  }) as ReturnType<typeof vm.compileFunction> & { cachedData?: Buffer };
  let moduleDir: ((stack: string) => string | undefined) | undefined;
  const factory: ScriptFactory = (g) => {
    const module = { exports: {} as Record<string, unknown> };
    // a relative path is the calling module's, as in k6; g.open resolves it from the main script
    const open = (file: string, mode?: string) => {
      moduleDir ??= callerModuleDir(bundle);
      const dir = typeof file === 'string' && !path.isAbsolute(file) ? moduleDir(new Error().stack ?? '') : undefined;
      return g.open(dir ? path.resolve(dir, file) : file, mode);
    };
    const setIter = fn(
      g.require,
      module,
      module.exports,
      open,
      g.__ENV,
      g.__VU,
      g.setTimeout,
      g.clearTimeout,
      g.setInterval,
      g.clearInterval,
      g.console,
    ) as (i: number) => void;
    return { exports: module.exports, setIter };
  };
  return Object.assign(factory, { cachedData: fn.cachedData });
}
