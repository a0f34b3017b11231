/**
 * SLO files (thresholds/<name>.json) hold what `options.thresholds` holds:
 * `{ "<metric or submetric>": ["<expression>" | { threshold, abortOnFail?, delayAbortEval? }] }`.
 * Pure parsing and merging, so it is testable outside k6; lib/slo.ts does the reading.
 */
import type { Threshold } from 'k6/options';

export type Thresholds = Record<string, Threshold[]>;

/** Parses and validates an SLO file's text; `source` names the file in errors. */
export function parseSloFile(text: string, source: string): Thresholds {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`SLO file ${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`SLO file ${source} must hold an object of metric name → list of threshold expressions`);
  }
  const out: Thresholds = {};
  for (const [metric, list] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(list)) {
      throw new Error(`SLO file ${source}: "${metric}" must be a list, e.g. ["p(99) < 500"]`);
    }
    out[metric] = list.map((t, i) => {
      if (typeof t === 'string') return t;
      if (typeof t === 'object' && t !== null && typeof (t as { threshold?: unknown }).threshold === 'string') return t as Threshold;
      throw new Error(`SLO file ${source}: "${metric}"[${i}] must be a string or { "threshold": "...", "abortOnFail": true }`);
    });
  }
  return out;
}

/**
 * The script's thresholds with the SLO file's on top: for a metric both name, the SLO file's
 * list replaces the script's, so an environment can tighten or loosen a goal.
 */
export function mergeThresholds(script: Thresholds | undefined, slo: Thresholds): Thresholds {
  return { ...(script ?? {}), ...slo };
}
