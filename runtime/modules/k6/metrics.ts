/** `k6/metrics`: Counter, Gauge, Rate, Trend (docs/k6-compatibility.md#metrics-checks-and-groups), declared in init, added to in iterations. */
import type { MetricType } from '../../metrics/metric.ts';
import type { CoreModuleVU } from '../../vu-context/core-module-vu.ts';
import { requireInit } from '../init-only.ts';

/** k6's value conversion: truthy values that convert to 0 count as 1; NaN/null/undefined are rejected. */
function toValue(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  if (Number.isNaN(n)) return undefined;
  if (n === 0 && value) return 1;
  return n;
}

function tagsOf(tags: unknown, name: string, vu: CoreModuleVU): Record<string, string> | undefined | false {
  if (tags === undefined || tags === null) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags as Record<string, unknown>)) {
    if (typeof v === 'object' && v !== null) {
      const msg = `${name}.add(): the value of tag "${k}" must be a string, number or boolean`;
      if (vu.host.options?.throw) throw new Error(msg);
      vu.log.warn(msg);
      return false;
    }
    out[k] = String(v);
  }
  return out;
}

export default function metricsModule(vu: CoreModuleVU): Record<string, unknown> {
  const make = (type: MetricType) =>
    function Metric(this: unknown, name: string, isTime?: boolean) {
      if (!new.target) throw new TypeError(`${type} must be called with new`);
      requireInit(vu, 'metrics must be declared in the init context: new ' + type);
      const def = vu.defineMetric(name, type, isTime ? 'time' : 'default');
      Object.defineProperty(this, 'name', { value: def.name, enumerable: true });
      Object.defineProperty(this, 'add', {
        value(value: unknown, tags?: unknown): boolean {
          if (vu.phase === 'init') throw new Error('Adding to metrics in the init context is not supported');
          const v = toValue(value);
          if (v === undefined) {
            const msg = `${def.name}.add(${String(value)}): the value must be a number`;
            if (vu.host.options?.throw) throw new Error(msg);
            vu.log.warn(msg);
            return false;
          }
          const t = tagsOf(tags, def.name, vu);
          if (t === false) return false;
          vu.emit(def, v, t);
          return true;
        },
      });
    };
  return { Counter: make('counter'), Gauge: make('gauge'), Rate: make('rate'), Trend: make('trend') };
}
