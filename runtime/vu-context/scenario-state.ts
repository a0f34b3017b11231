import type { ScenarioBase } from '../executors/types.ts';

/** What a VU knows about the scenario it is iterating in (for k6/execution and tags). */
export interface ScenarioState {
  readonly config: ScenarioBase;
  /** epoch ms */
  readonly startEpochMs: number;
  progress(): number;
}

export interface IterationStart {
  /** exec.scenario.iterationInInstance */
  readonly iterationInInstance: number;
  /** exec.scenario.iterationInTest */
  readonly iterationInTest: number;
  /** intended start (epoch ms) for arrival-rate executors */
  readonly intendedEpochMs?: number;
}
