/**
 * The compatibility corpus's expectations: what real k6 v1.7.1 reports for a script, and the
 * comparison of a `--summary-export` file against it. Pure, so the corpus test (streamprobe) and
 * verify.ts (real k6 in CI) judge runs alike. Format: test/compat/README.md.
 */
import path from 'node:path';

/** `<field>` of a metric in --summary-export → expected value (`thresholds`: source → failed). */
export type ExpectedFields = Record<string, number | Record<string, boolean>>;

export interface Expectation {
  description: string;
  /** where the numbers come from (spec section, k6 formula) */
  source: string;
  /** the script in scripts/, when the file name does not say it (`<name>.<variant>.json`) */
  script?: string;
  /** extra CLI args before the script */
  args: string[];
  env: Record<string, string>;
  exitCode: number;
  /** metric name as a key of the export's `metrics` → fields; null: the metric must be absent */
  metrics: Record<string, ExpectedFields | null>;
  /** `<metric>.<field>` → absolute tolerance (default: exact, up to float rounding) */
  tolerance: Record<string, number>;
}

/** Float noise allowed when no tolerance is given (counts are exact, rates are ratios). */
const EXACT = 1e-9;

/** Validates a parsed expectation file; throws naming the file and the bad key. */
export function parseExpectation(json: unknown, file: string): Expectation {
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  if (!isObject(json)) return fail('must hold a JSON object');
  const text = (key: string): string => (typeof json[key] === 'string' ? (json[key] as string) : fail(`"${key}" must be a string`));
  const strings = (key: string, value: unknown): string[] =>
    Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fail(`"${key}" must be an array of strings`);
  const numbers = (key: string, value: unknown): Record<string, number> =>
    isObject(value) && Object.values(value).every((v) => typeof v === 'number')
      ? (value as Record<string, number>)
      : fail(`"${key}" must map names to numbers`);
  if (typeof json.exitCode !== 'number') fail('"exitCode" must be a number');
  if (!isObject(json.metrics)) fail('"metrics" must be an object');
  const metrics: Record<string, ExpectedFields | null> = {};
  for (const [name, fields] of Object.entries(json.metrics as Record<string, unknown>)) {
    if (fields === null) {
      metrics[name] = null;
      continue;
    }
    if (!isObject(fields)) fail(`metric "${name}" must map fields to numbers (or be null: absent)`);
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      const ok =
        typeof value === 'number' ||
        (field === 'thresholds' && isObject(value) && Object.values(value).every((v) => typeof v === 'boolean'));
      if (!ok) fail(`"${name}".${field} must be a number (thresholds: source → failed)`);
    }
    metrics[name] = fields as ExpectedFields;
  }
  const env = json.env === undefined ? {} : json.env;
  if (!isObject(env) || !Object.values(env).every((v) => typeof v === 'string')) fail('"env" must map names to strings');
  return {
    description: text('description'),
    source: text('source'),
    ...(json.script === undefined ? {} : { script: text('script') }),
    args: json.args === undefined ? [] : strings('args', json.args),
    env: env as Record<string, string>,
    exitCode: json.exitCode as number,
    metrics,
    tolerance: json.tolerance === undefined ? {} : numbers('tolerance', json.tolerance),
  };
}

/** The script an expectation file runs: `script`, else `<name>.js` for `<name>[.<variant>].json`. */
export function scriptOf(expectation: Pick<Expectation, 'script'>, file: string): string {
  return expectation.script ?? `${path.basename(file).split('.')[0]}.js`;
}

/** Differences between a --summary-export object and the expectation, one line each; [] when it matches. */
export function compareExport(expected: Expectation, exported: unknown): string[] {
  const metrics = isObject(exported) && isObject(exported.metrics) ? (exported.metrics as Record<string, unknown>) : undefined;
  if (!metrics) return ['the export has no "metrics" object'];
  const diffs: string[] = [];
  for (const [name, fields] of Object.entries(expected.metrics)) {
    const got = metrics[name];
    if (fields === null) {
      if (got !== undefined) diffs.push(`${name}: expected absent, got ${JSON.stringify(got)}`);
      continue;
    }
    if (!isObject(got)) {
      diffs.push(`${name}: missing from the export`);
      continue;
    }
    for (const [field, want] of Object.entries(fields)) {
      const have = got[field];
      if (typeof want === 'number') {
        const tolerance = expected.tolerance[`${name}.${field}`] ?? EXACT;
        if (typeof have !== 'number') diffs.push(`${name}.${field}: expected ${want}, got ${JSON.stringify(have)}`);
        else if (Math.abs(have - want) > tolerance)
          diffs.push(`${name}.${field}: expected ${want}${tolerance > EXACT ? ` ± ${tolerance}` : ''}, got ${have}`);
        continue;
      }
      for (const [source, failed] of Object.entries(want)) {
        const verdict = isObject(have) ? have[source] : undefined;
        if (verdict !== failed)
          diffs.push(
            `${name}.thresholds["${source}"]: expected ${failed ? 'failed' : 'passed'}, got ${verdict === undefined ? 'no such threshold' : verdict ? 'failed' : 'passed'}`,
          );
      }
    }
  }
  return diffs;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
