/** `k6/execution` (docs/k6-compatibility.md#the-execution-module): lazy getters; vu/scenario/instance/options throw in the init context. */
import type { CoreModuleVU } from '../../vu-context/core-module-vu.ts';
import { TestAbortError } from '../../vu-context/test-abort-error.ts';
import { testOptionsView } from '../../options/test-options-view.ts';

export default function executionModule(vu: CoreModuleVU): Record<string, unknown> {
  const host = vu.host;
  const notInInit = (what: string) => {
    if (vu.phase === 'init') throw new Error(`getting ${what} information in the init context is not supported`);
  };

  const instance = Object.freeze({
    get iterationsInterrupted() {
      return host.counters.iterationsInterrupted;
    },
    get iterationsCompleted() {
      return host.counters.iterationsCompleted;
    },
    get vusActive() {
      return host.counters.vusActive;
    },
    get vusInitialized() {
      return host.counters.vusInitialized;
    },
    get currentTestRunDuration() {
      return host.testStartEpochMs ? Date.now() - host.testStartEpochMs : 0;
    },
  });

  const scenario = Object.freeze({
    get name() {
      return vu.scenario?.config.name;
    },
    get executor() {
      return vu.scenario?.config.executor;
    },
    get startTime() {
      return vu.scenario?.startEpochMs;
    },
    get progress() {
      return vu.scenario?.progress() ?? 0;
    },
    get iterationInInstance() {
      return vu.iterationStart?.iterationInInstance;
    },
    get iterationInTest() {
      return vu.iterationStart?.iterationInTest;
    },
    /** streamprobe: intended start of this iteration (epoch ms) for arrival-rate executors; undefined in k6 */
    get intendedStartTime() {
      return vu.iterationStart?.intendedEpochMs;
    },
  });

  const vuInfo = Object.freeze({
    get idInInstance() {
      return vu.id;
    },
    get idInTest() {
      return vu.idInTest;
    },
    get iterationInInstance() {
      return vu.iterationInInstance;
    },
    get iterationInScenario() {
      return Math.max(0, vu.iterationInScenario);
    },
    get tags() {
      return tagsView;
    },
    get metrics() {
      return metricsView;
    },
  });
  const tagsView = vuTagsView(vu);
  const metricsView = Object.freeze({
    get tags() {
      return tagsView;
    },
    get metadata() {
      return vu.metadata;
    },
  });

  const test = Object.freeze({
    abort(reason?: string): never {
      throw new TestAbortError(reason ?? '');
    },
    fail(reason?: string): void {
      vu.log.error(reason ? `test marked as failed: ${reason}` : 'test marked as failed');
      host.markFailed(reason ?? '');
    },
    get options() {
      notInInit('test options');
      return host.options ? testOptionsView(host.options) : null;
    },
  });

  const exec = {
    get instance() {
      notInInit('instance');
      return instance;
    },
    get scenario() {
      notInInit('scenario');
      return scenario;
    },
    get vu() {
      notInInit('VU');
      return vuInfo;
    },
    test,
  };
  // getters stay getters on the module object, so named and namespace imports are lazy too
  return Object.defineProperties({ default: exec }, Object.getOwnPropertyDescriptors(exec));
}

/**
 * exec.vu.tags / exec.vu.metrics.tags: every tag the VU's samples get — test-wide and scenario tags,
 * `scenario`, `group` ("" at the root) — as in k6 (docs/k6-compatibility.md#metrics-checks-and-groups); writes and deletes go to the
 * script's own tags, which win over the others.
 */
function vuTagsView(vu: CoreModuleVU): Record<string, string> {
  const tags = () => vu.currentTags() as Record<string, string>;
  return new Proxy({} as Record<string, string>, {
    get: (_, k) => (typeof k === 'string' ? tags()[k] : undefined),
    has: (_, k) => typeof k === 'string' && Object.hasOwn(tags(), k),
    ownKeys: () => Object.keys(tags()),
    getOwnPropertyDescriptor: (_, k) => {
      const all = tags();
      return typeof k === 'string' && Object.hasOwn(all, k)
        ? { value: all[k], writable: true, enumerable: true, configurable: true }
        : undefined;
    },
    set: (_, k, v) => Reflect.set(vu.dynamicTags, k, v),
    deleteProperty: (_, k) => Reflect.deleteProperty(vu.dynamicTags, k),
  });
}
