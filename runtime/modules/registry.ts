/** Answers a script's `require()` of a k6 module with a fresh instance for the calling VU. */
import type { VU } from '../vu/vu.ts';
import k6 from './k6.ts';
import metrics from './k6/metrics.ts';
import execution from './k6/execution.ts';
import data from './k6/data.ts';
import encoding from './k6/encoding.ts';
import timers from './k6/timers.ts';
import kafka from './k6/x/kafka.ts';

type ModuleFactory = (vu: VU) => Record<string, unknown>;

const modules: Record<string, ModuleFactory> = {
  k6,
  'k6/metrics': metrics,
  'k6/execution': execution,
  'k6/data': data,
  'k6/encoding': encoding,
  'k6/timers': timers,
  'k6/x/kafka': kafka,
};

export const moduleNames = Object.keys(modules);

export function createModule(specifier: string, vu: VU): Record<string, unknown> {
  const factory = modules[specifier];
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
