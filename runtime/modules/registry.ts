/** Answers a script's `require()` of a k6 module with a fresh instance for the calling VU. */
import type { CoreModuleVU } from '../vu-context/core-module-vu.ts';
import k6 from './k6.ts';
import metrics from './k6/metrics.ts';
import execution from './k6/execution.ts';
import data from './k6/data.ts';
import encoding from './k6/encoding.ts';
import timers from './k6/timers.ts';
import k6Summary from './jslib/k6-summary.ts';

export type ModuleFactory = (vu: CoreModuleVU) => Record<string, unknown>;

const modules: Record<string, ModuleFactory> = {
  k6,
  'k6/metrics': metrics,
  'k6/execution': execution,
  'k6/data': data,
  'k6/encoding': encoding,
  'k6/timers': timers,
};

/** Heavy modules (a Kafka client) load only for scripts that import them. */
const lazyModules: Record<string, () => Promise<{ default: ModuleFactory }>> = {
  'k6/x/kafka': () => import('./k6/x/kafka.ts'),
  'k6/http': () => import('./k6/http.ts'),
};

export const moduleNames = [...Object.keys(modules), ...Object.keys(lazyModules)];

/** Classic mode answers some modules with blocking versions (runtime/classic/classic-modules.ts). */
export function overrideModules(overrides: Readonly<Record<string, ModuleFactory>>): () => void {
  const before = Object.fromEntries(Object.keys(overrides).map((name) => [name, modules[name]]));
  Object.assign(modules, overrides);
  return () => {
    for (const [name, factory] of Object.entries(before)) {
      if (factory) modules[name] = factory;
      else delete modules[name];
    }
  };
}

/** Loads the lazy modules a bundle requires, before any VU runs its (synchronous) init context. */
export async function preloadModules(code: string): Promise<void> {
  for (const [name, load] of Object.entries(lazyModules)) {
    if (!modules[name] && code.includes(`require("${name}")`)) modules[name] = (await load()).default;
  }
}

/** Remote jslib modules that streamprobe implements itself (it runs offline). */
function jslib(specifier: string): ModuleFactory | undefined {
  if (/^https:\/\/jslib\.k6\.io\/k6-summary\/[^/]+\/index\.js$/.test(specifier)) return k6Summary;
  return undefined;
}

export function createModule(specifier: string, vu: CoreModuleVU): Record<string, unknown> {
  const factory = modules[specifier] ?? jslib(specifier);
  if (!factory) {
    const hint = specifier.startsWith('https://')
      ? 'remote modules (jslib) cannot be fetched here; vendor the file and import it by relative path'
      : `streamprobe provides ${moduleNames.join(', ')}`;
    throw new Error(`unknown module "${specifier}": ${hint}`);
  }
  const exports = factory(vu);
  // esbuild's CommonJS interop reads `default` from modules flagged as ES modules.
  if (!('default' in exports)) exports.default = exports;
  Object.defineProperty(exports, '__esModule', { value: true });
  return exports;
}
