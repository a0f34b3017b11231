/**
 * Loads thresholds/<name>.json into `options.thresholds`. The name comes from `__ENV.SLO`
 * (default `local`; `none` loads nothing; a value ending in `.json` is used as a path).
 * Must run in the init context, where k6 allows `open()`.
 */
import type { Options } from 'k6/options';
import { mergeThresholds, parseSloFile, type Thresholds } from './thresholds.ts';

/**
 * Path relative to the bundle or script: build/ and scripts/ are both one level below the
 * project root, so the same path works for `k6 run build/x.js` and `streamprobe run scripts/x.ts`.
 */
function sloPath(name: string): string {
  return name.endsWith('.json') ? name : `../thresholds/${name}.json`;
}

export function sloName(): string {
  return __ENV.SLO || 'local';
}

/** The SLO file's thresholds (`{}` for SLO=none). */
export function loadSlo(name: string = sloName()): Thresholds {
  if (name === 'none') return {};
  const path = sloPath(name);
  let text: string;
  try {
    text = open(path);
  } catch (err) {
    throw new Error(
      `SLO '${name}': cannot read ${path} (${String(err)}); set SLO to a file name in thresholds/ (e.g. SLO=ci), a .json path, or none`,
    );
  }
  return parseSloFile(text, path);
}

/** `options` with the SLO file's thresholds merged in (the SLO wins per metric). */
export function withSlo<T extends Options>(options: T, name: string = sloName()): T {
  return { ...options, thresholds: mergeThresholds(options.thresholds, loadSlo(name)) };
}
