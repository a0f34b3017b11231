import type { MetricDef, MetricType, ValueType } from './metric.ts';

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

/** k6's metric registry: one definition per name; re-declaring with the same type returns it. */
export class MetricRegistry {
  private readonly defs = new Map<string, MetricDef>();

  /**
   * `contains` is only compared with an existing definition when given, as k6 does for
   * callers that pass a value type (the k6/metrics module always passes one).
   */
  define(name: string, type: MetricType, contains?: ValueType): MetricDef {
    const existing = this.defs.get(name);
    if (existing) {
      if (existing.type !== type) {
        throw new Error(`metric '${name}' already exists but with type ${existing.type}, instead of ${type}`);
      }
      if (contains !== undefined && existing.contains !== contains) {
        throw new Error(
          `metric '${name}' already exists but with type ${existing.type} and value type ${existing.contains}, instead of ${contains}`,
        );
      }
      return existing;
    }
    if (!METRIC_NAME.test(name)) {
      throw new Error(`Invalid metric name: '${name}'; use 2 to 129 ASCII letters, digits or '_', not starting with a digit`);
    }
    const def: MetricDef = Object.freeze({ name, type, contains: contains ?? 'default' });
    this.defs.set(name, def);
    return def;
  }

  get(name: string): MetricDef | undefined {
    return this.defs.get(name);
  }

  all(): MetricDef[] {
    return [...this.defs.values()];
  }
}
