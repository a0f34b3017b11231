/** `k6/execution` (spec §7): lazy getters; vu/scenario/instance/options throw in the init context. */
import type { VU } from '../../vu/vu.ts';
import { TestAbortError } from '../../vu/interrupt.ts';
import { testOptionsView } from '../../options/test-options-view.ts';

export default function executionModule(vu: VU): Record<string, unknown> {
  const host = vu.host;
  const notInInit = (what: string) => {
    if (vu.phase === 'init') throw new Error(`getting ${what} information in the init context is not supported`);
  };

  const instance = Object.freeze({
    get iterationsInterrupted() { return host.counters.iterationsInterrupted; },
    get iterationsCompleted() { return host.counters.iterationsCompleted; },
    get vusActive() { return host.counters.vusActive; },
    get vusInitialized() { return host.counters.vusInitialized; },
    get currentTestRunDuration() { return host.testStartEpochMs ? Date.now() - host.testStartEpochMs : 0; },
  });

  const scenario = Object.freeze({
    get name() { return vu.scenario?.config.name; },
    get executor() { return vu.scenario?.config.executor; },
    get startTime() { return vu.scenario?.startEpochMs; },
    get progress() { return vu.scenario?.progress() ?? 0; },
    get iterationInInstance() { return vu.iterationStart?.iterationInInstance; },
    get iterationInTest() { return vu.iterationStart?.iterationInTest; },
    /** streamprobe: intended start of this iteration (epoch ms) for arrival-rate executors; undefined in k6 */
    get intendedStartTime() { return vu.iterationStart?.intendedEpochMs; },
  });

  const vuInfo = Object.freeze({
    get idInInstance() { return vu.id; },
    get idInTest() { return vu.idInTest; },
    get iterationInInstance() { return vu.iterationInInstance; },
    get iterationInScenario() { return Math.max(0, vu.iterationInScenario); },
    get tags() { return vu.dynamicTags; },
    get metrics() { return metricsView; },
  });
  const metricsView = Object.freeze({
    get tags() { return vu.dynamicTags; },
    get metadata() { return vu.metadata; },
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
    get instance() { notInInit('instance'); return instance; },
    get scenario() { notInInit('scenario'); return scenario; },
    get vu() { notInInit('VU'); return vuInfo; },
    test,
  };
  // getters stay getters on the module object, so named and namespace imports are lazy too
  return Object.defineProperties({ default: exec }, Object.getOwnPropertyDescriptors(exec));
}
