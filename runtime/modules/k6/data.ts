/**
 * `k6/data` SharedArray: built once per thread from `fn`, kept as JSON, and every element read
 * returns a fresh copy (k6's read-only semantics).
 */
import type { CoreModuleVU } from '../../vu-context/core-module-vu.ts';
import { requireInit } from '../init-only.ts';

export default function dataModule(vu: CoreModuleVU): Record<string, unknown> {
  function SharedArray(this: unknown, name: string, fn: () => unknown[]) {
    if (!new.target) throw new TypeError('SharedArray must be called with new');
    requireInit(vu, 'new SharedArray');
    if (typeof name !== 'string' || name === '') throw new Error('SharedArray: the first argument must be a non-empty name');
    let json = vu.host.sharedArrays.get(name);
    if (json === undefined) {
      if (fn?.constructor?.name === 'AsyncFunction') throw new Error(`SharedArray "${name}": async functions are not supported`);
      const value = fn();
      if (!Array.isArray(value)) throw new Error(`SharedArray "${name}": the function must return an array`);
      json = JSON.stringify(value);
      vu.host.sharedArrays.set(name, json);
    }
    const items: string[] = (JSON.parse(json) as unknown[]).map((v) => JSON.stringify(v));
    const target = {
      get length() {
        return items.length;
      },
      [Symbol.iterator]: function* () {
        for (const s of items) yield s === undefined ? undefined : JSON.parse(s);
      },
    };
    return new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) {
          const s = items[Number(key)];
          return s === undefined ? undefined : JSON.parse(s);
        }
        if (key in t) return Reflect.get(t, key, receiver);
        const method: unknown = Reflect.get(Array.prototype, key);
        if (typeof method === 'function') return (...args: unknown[]) => method.apply([...(t as Iterable<unknown>)], args);
        return undefined;
      },
      set() {
        throw new Error(`SharedArray "${name}" is read-only`);
      },
    });
  }
  return { SharedArray };
}
