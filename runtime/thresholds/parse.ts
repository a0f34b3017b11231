/** `options.thresholds` → validated thresholds per metric or sub-metric (docs/k6-compatibility.md#thresholds). */
import { ConfigError } from '../errors.ts';
import { percentileKey, THRESHOLD_AGGREGATIONS } from '../metrics/aggregations.ts';
import type { MetricDef, MetricType, Tags } from '../metrics/metric.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import { parseDuration } from '../units/duration.ts';
import type { ThresholdDefinition } from '../options/types.ts';
import { parseThresholdExpression, type ThresholdOperator } from './expression.ts';
import { parseMetricSelector } from './selector.ts';

export interface Threshold {
  /** the expression as written: the key of its result in summaries */
  readonly source: string;
  /** normalised aggregation key of the sink's values: "avg", "p(99.9)", … */
  readonly aggregation: string;
  readonly operator: ThresholdOperator;
  readonly value: number;
  readonly abortOnFail: boolean;
  /** abort only once the test has run longer than this */
  readonly delayAbortEvalMs: number;
}

export interface MetricThresholds {
  /** the key as written in options: "http_req_duration" or "http_req_duration{status:200}" */
  readonly name: string;
  readonly metric: MetricDef;
  readonly filter?: Tags;
  readonly thresholds: readonly Threshold[];
  /** the percentiles the thresholds read, to request from the store */
  readonly percentiles: readonly number[];
}

const PERCENTILE = /^p\((.*)\)$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseThresholds(
  config: Readonly<Record<string, readonly ThresholdDefinition[]>>,
  registry: Pick<MetricRegistry, 'get'>,
): MetricThresholds[] {
  return Object.entries(config).map(([key, definitions]) => {
    const selector = parseMetricSelector(key);
    const metric = registry.get(selector.metric);
    if (metric === undefined) {
      throw new ConfigError(
        `invalid threshold on unknown metric "${selector.metric}": define it in the init context (new Trend('${selector.metric}')) or fix the name`,
      );
    }
    if (!Array.isArray(definitions)) {
      throw new ConfigError(`thresholds of "${key}" must be a list, e.g. ["p(95)<200"]`);
    }
    const percentiles = new Set<number>();
    const thresholds = definitions.map((definition) => {
      const threshold = parseDefinition(definition, key, metric.type);
      const q = PERCENTILE.exec(threshold.aggregation)?.[1];
      if (q !== undefined) percentiles.add(Number(q));
      return threshold;
    });
    return { name: key, metric, filter: selector.filter, thresholds, percentiles: [...percentiles] };
  });
}

function parseDefinition(definition: unknown, key: string, type: MetricType): Threshold {
  if (typeof definition === 'string') return parseThreshold(definition, key, type, false, 0);
  if (typeof definition !== 'object' || definition === null || typeof (definition as { threshold?: unknown }).threshold !== 'string') {
    throw new ConfigError(
      `invalid threshold ${JSON.stringify(definition)} on "${key}": use a string like "p(95)<200" or { threshold: "p(95)<200", abortOnFail: true, delayAbortEval: "10s" }`,
    );
  }
  const {
    threshold,
    abortOnFail = false,
    delayAbortEval,
  } = definition as {
    threshold: string;
    abortOnFail?: unknown;
    delayAbortEval?: unknown;
  };
  if (typeof abortOnFail !== 'boolean') {
    throw new ConfigError(`abortOnFail of threshold "${threshold}" on "${key}" must be true or false, got ${JSON.stringify(abortOnFail)}`);
  }
  const delayMs =
    delayAbortEval === undefined ? 0 : parseDuration(delayAbortEval, `delayAbortEval of threshold "${threshold}" on "${key}"`);
  return parseThreshold(threshold, key, type, abortOnFail, delayMs);
}

function parseThreshold(source: string, key: string, type: MetricType, abortOnFail: boolean, delayAbortEvalMs: number): Threshold {
  const { aggregation, operator, value } = parseThresholdExpression(source);
  return { source, aggregation: normaliseAggregation(aggregation, type, source, key), operator, value, abortOnFail, delayAbortEvalMs };
}

function normaliseAggregation(aggregation: string, type: MetricType, source: string, key: string): string {
  if (THRESHOLD_AGGREGATIONS[type].includes(aggregation)) return aggregation;
  const q = PERCENTILE.exec(aggregation)?.[1]?.trim();
  if (type === 'trend' && q !== undefined && DECIMAL.test(q) && Number(q) >= 0 && Number(q) <= 100) {
    return percentileKey(Number(q));
  }
  const allowed = [...THRESHOLD_AGGREGATIONS[type], ...(type === 'trend' ? ['p(N) with N from 0 to 100'] : [])];
  throw new ConfigError(
    `invalid threshold "${source}" on "${key}": "${aggregation}" is not an aggregation of ${type} metrics; use one of: ${allowed.join(', ')}`,
  );
}
