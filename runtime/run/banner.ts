/** The start-of-test banner: what runs, for how long, with how many VUs (k6's layout). */
import { getExecutor } from '../executors/index.ts';
import type { ScenarioBase } from '../executors/types.ts';
import { formatDuration } from '../units/duration.ts';
import type { PlannedScenario } from '../execution/scheduler.ts';

export function banner(
  scriptPath: string,
  planned: readonly PlannedScenario[],
  workers: number,
  outputs: string[],
  mode: 'classic' | 'async' = 'async',
): string {
  const maxVUs = planned.reduce((n, p) => n + p.vus, 0);
  const maxMs = Math.max(0, ...planned.map((p) => p.toMs));
  const n = planned.length;
  const lines = [
    '',
    mode === 'classic'
      ? `  execution: local, classic mode (a thread per VU, blocking calls)`
      : `  execution: local, async mode (${workers} worker thread${workers === 1 ? '' : 's'})`,
    `     script: ${scriptPath}`,
    `     output: ${outputs.length ? outputs.join(', ') : '-'}`,
    '',
    `  scenarios: (100.00%) ${n} scenario${n === 1 ? '' : 's'}, ${maxVUs} max VUs, ${formatDuration(maxMs)} max duration (incl. graceful stop):`,
    ...planned.map((p) => `           * ${p.config.name}: ${describe(p.config, p)} (${extras(p.config)})`),
    '',
  ];
  return lines.join('\n');
}

function describe(c: ScenarioBase, p: PlannedScenario): string {
  const raw = c as ScenarioBase & Record<string, any>;
  const regular = getExecutor(c.executor, c.name).maxDurationMs(c) - c.gracefulStopMs;
  switch (c.executor) {
    case 'shared-iterations':
      return `${raw.iterations} iterations shared among ${raw.vus} VUs (maxDuration: ${formatDuration(raw.maxDurationMs)})`;
    case 'per-vu-iterations':
      return `${raw.iterations} iterations for each of ${raw.vus} VUs (maxDuration: ${formatDuration(raw.maxDurationMs)})`;
    case 'constant-vus':
      return `${raw.vus} looping VUs for ${formatDuration(regular)}`;
    case 'ramping-vus':
      return `Up to ${p.vus} looping VUs for ${formatDuration(regular)} over ${raw.stages?.length ?? 0} stages`;
    case 'constant-arrival-rate':
      return `${raw.rate} iterations/${formatDuration(raw.timeUnitMs)} for ${formatDuration(regular)} (maxVUs: ${p.vus})`;
    case 'ramping-arrival-rate':
      return `Up to ${Math.max(raw.startRate ?? 0, ...(raw.stages ?? []).map((s: { target: number }) => s.target))} iterations/${formatDuration(raw.timeUnitMs)} over ${raw.stages?.length ?? 0} stages (maxVUs: ${p.vus})`;
  }
}

function extras(c: ScenarioBase): string {
  const parts = [];
  if (c.startTimeMs > 0) parts.push(`startTime: ${formatDuration(c.startTimeMs)}`);
  if (c.exec !== 'default') parts.push(`exec: ${c.exec}`);
  parts.push(`gracefulStop: ${formatDuration(c.gracefulStopMs)}`);
  return parts.join(', ');
}
