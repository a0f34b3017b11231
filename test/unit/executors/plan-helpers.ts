/** Shared by the executor tests: parse + plan a raw scenario, collect arrival starts. */
import { SegmentContext, segmentContext } from '../../../runtime/executors/segment.ts';
import { getExecutor } from '../../../runtime/executors/index.ts';
import type { ArrivalStart, ExecutionPlan, ScenarioBase } from '../../../runtime/executors/types.ts';

/** A raw scenario (as a script writes it) parsed, and planned for `segment`. */
export function scenarioOf(
  raw: Record<string, unknown>,
  segment: SegmentContext = SegmentContext.full,
  name = 'test',
): { config: ScenarioBase; plan: ExecutionPlan } {
  const executor = getExecutor(String(raw['executor']), name);
  const config = executor.parse(name, raw);
  return { config, plan: executor.plan(config, segment) };
}

export function planOf(raw: Record<string, unknown>, segment: SegmentContext = SegmentContext.full): ExecutionPlan {
  return scenarioOf(raw, segment).plan;
}

export function startsOf(plan: ExecutionPlan): ArrivalStart[] {
  if (plan.type !== 'arrival') throw new Error(`expected an arrival plan, got ${plan.type}`);
  const starts: ArrivalStart[] = [];
  const it = plan.starts();
  for (let r = it.next(); !r.done; r = it.next()) starts.push(r.value);
  return starts;
}

/** Every segment of `sequence`, as contexts. */
export function segmentsOf(sequence: string): SegmentContext[] {
  const bounds = sequence.split(',');
  return bounds.slice(1).map((b, i) => segmentContext(`${bounds[i]}:${b}`, sequence));
}

/** The union of all segments' starts, ordered like the unsegmented schedule. */
export function unionOfStarts(raw: Record<string, unknown>, sequence: string): ArrivalStart[] {
  return segmentsOf(sequence)
    .flatMap((segment) => startsOf(planOf(raw, segment)))
    .sort((a, b) => a.iterationInTest - b.iterationInTest);
}

export const SEQUENCES = ['0,1/2,1', '0,1/4,1/2,1', '0,1/3,2/3,1', '0,0.1,0.35,0.6,1', '0,1/7,3/5,1'];
