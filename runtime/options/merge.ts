/**
 * k6's layer precedence (docs/k6-compatibility.md#options): each layer's set keys replace the lower layers' values, and a
 * layer that sets any execution option (duration, iterations, stages, scenarios) clears all of them
 * below it, so `--duration 1m` replaces a script's `scenarios` rather than conflicting with them.
 */
import type { OptionKey, Options } from './types.ts';

export interface Layer {
  /** for warnings: "script options", "the command line", … */
  readonly name: string;
  readonly options: Readonly<Options>;
  /** overriding this layer is expected (built-in defaults): no warning */
  readonly quiet?: boolean;
}

const EXECUTION_KEYS: readonly OptionKey[] = ['duration', 'iterations', 'stages', 'scenarios'];
const SHORTCUT_KEYS: readonly OptionKey[] = ['vus', ...EXECUTION_KEYS];

export function mergeLayers(layers: readonly Layer[]): { merged: Options; warnings: string[] } {
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, Layer>();
  const warnings: string[] = [];
  const overridden = (key: string, by: string, layer: Layer): void => {
    const from = origin.get(key)!;
    if (!from.quiet) warnings.push(`"${key}" from ${from.name} is overridden by ${by} from ${layer.name}`);
  };

  for (const layer of layers) {
    const set = Object.entries(layer.options).filter(([, v]) => v !== undefined);
    const setKeys = set.map(([k]) => k);
    const execution = setKeys.filter((k) => EXECUTION_KEYS.includes(k as OptionKey));
    if (execution.length > 0) {
      for (const key of EXECUTION_KEYS) {
        if (key in merged && !setKeys.includes(key)) {
          overridden(key, execution.map((k) => `"${k}"`).join(' and '), layer);
          delete merged[key];
        }
      }
    }
    for (const [key, value] of set) {
      if (SHORTCUT_KEYS.includes(key as OptionKey) && key in merged && !sameValue(merged[key], value)) {
        overridden(key, `"${key}"`, layer);
      }
      merged[key] = value;
      origin.set(key, layer);
    }
  }
  return { merged: merged as Options, warnings };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
