/** `k6`: check, group, sleep, fail, randomSeed (docs/k6-compatibility.md#metrics-checks-and-groups). */
import type { CoreModuleVU } from '../vu-context/core-module-vu.ts';
import { CHECKS, GROUP_DURATION } from '../metrics/builtin.ts';
import { forbidInit } from './init-only.ts';
import { seedMathRandom } from './random-seed.ts';
import { sleepMs } from '../timing/sleep.ts';

function isAsync(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor?.name === 'AsyncFunction';
}

export default function k6Module(vu: CoreModuleVU): Record<string, unknown> {
  const checks = vu.defineMetric(CHECKS.name, CHECKS.type, CHECKS.contains);
  const groupDuration = vu.defineMetric(GROUP_DURATION.name, GROUP_DURATION.type, GROUP_DURATION.contains);

  function check(value: unknown, sets: Record<string, unknown>, tags?: Record<string, unknown>): boolean {
    forbidInit(vu, 'check()');
    let all = true;
    const extra = tags ? stringTags(tags) : undefined;
    for (const name of Object.keys(sets)) {
      if (name.includes('::')) throw new Error(`check name "${name}" may not contain "::"`);
      const test = sets[name];
      if (isAsync(test)) throw new Error(`check "${name}": async functions are not supported in check()`);
      let ok: boolean;
      try {
        ok = Boolean(typeof test === 'function' ? test(value) : test);
      } catch (err) {
        record(name, false, extra);
        throw err;
      }
      record(name, ok, extra);
      all &&= ok;
    }
    return all;
  }

  function record(name: string, ok: boolean, extra: Record<string, string> | undefined): void {
    if (!vu.recording) return;
    const systemTags = vu.host.options?.systemTags;
    const tags = !systemTags || systemTags.includes('check') ? { ...extra, check: name } : extra;
    vu.emit(checks, ok ? 1 : 0, tags);
    vu.host.groups.recordCheck(vu.groupPath, name, ok);
  }

  function group<T>(name: string, fn: () => T): T {
    forbidInit(vu, 'group()');
    if (name.includes('::')) throw new Error(`group name "${name}" may not contain "::"`);
    if (typeof fn !== 'function') throw new Error(`group "${name}": the second argument must be a function`);
    if (isAsync(fn)) throw new Error(`group "${name}": async functions are not supported in group()`);
    const parent = vu.groupPath;
    const inner = `${parent}::${name}`;
    vu.host.groups.ensureGroup(inner);
    vu.setGroup(inner);
    const began = performance.now();
    try {
      return fn();
    } finally {
      vu.emit(groupDuration, performance.now() - began);
      vu.setGroup(parent);
    }
  }

  /** Async mode: returns a promise (`await sleep(1)`); the iteration waits for it either way. */
  function sleep(seconds: number): Promise<void> {
    const ms = Math.max(0, Number(seconds) * 1000);
    return vu.track(sleepMs(ms, vu.signal));
  }

  function fail(message?: string): never {
    throw new Error(message ?? '');
  }

  return { check, group, sleep, fail, randomSeed: (seed: number) => seedMathRandom(seed) };
}

function stringTags(tags: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v === 'object' && v !== null) throw new Error(`tag "${k}": the value must be a string, number or boolean`);
    out[k] = String(v);
  }
  return out;
}
