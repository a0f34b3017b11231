/** A minimal VUContext for driving k6/x/kafka in tests: records emitted samples, runs shared closers. */
import type { MetricDef, MetricType, Tags, ValueType } from '../../../runtime/metrics/metric.ts';
import type { VUContext, VUPhase } from '../../../runtime/vu-context/context.ts';

export interface Sample {
  metric: string;
  value: number;
  tags: Tags;
}

export class FakeVU implements VUContext {
  id = 1;
  idInTest = 1;
  phase: VUPhase = 'iteration';
  env = {};
  scriptPath = '/tmp/script.js';
  samples: Sample[] = [];
  metrics = new Map<string, MetricDef>();
  warnings: string[] = [];
  controller = new AbortController();
  private resources = new Map<string, { value: unknown; close?: (v: never) => void | Promise<void> }>();

  log = {
    debug: () => {},
    info: () => {},
    warn: (m: string) => void this.warnings.push(m),
    error: () => {},
  };

  shared = {
    get: <T>(key: string, create: () => T, close?: (value: T) => void | Promise<void>): T => {
      let r = this.resources.get(key);
      if (!r) this.resources.set(key, (r = { value: create(), close: close as never }));
      return r.value as T;
    },
  };

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  defineMetric(name: string, type: MetricType, contains: ValueType = 'default'): MetricDef {
    const m = this.metrics.get(name) ?? { name, type, contains };
    if (m.type !== type) throw new Error(`metric ${name} redefined`);
    this.metrics.set(name, m);
    return m;
  }

  emit(metric: MetricDef, value: number, tags: Tags = {}): void {
    this.samples.push({ metric: metric.name, value, tags });
  }

  currentTags(): Tags {
    return {};
  }

  track<T>(p: Promise<T>): Promise<T> {
    return p;
  }

  sum(metric: string): number {
    return this.samples.filter((s) => s.metric === metric).reduce((a, s) => a + s.value, 0);
  }

  async closeShared(): Promise<void> {
    for (const r of this.resources.values()) await r.close?.(r.value as never);
    this.resources.clear();
  }
}
