/** The live progress lines: one per scenario plus k6's "running (…)" line. */
import type { Report, ScenarioProgress } from '../worker/messages.ts';

export interface ProgressState {
  readonly elapsedMs: number;
  readonly vusActive: number;
  readonly vusMax: number;
  readonly completed: number;
  readonly interrupted: number;
  readonly scenarios: ReadonlyArray<ScenarioProgress & { readonly durationLabel: string }>;
}

/** The whole instance's progress from its workers' latest reports. */
export function progressState(reports: readonly Report[], durationLabels: ReadonlyMap<string, string>, elapsedMs: number): ProgressState {
  const scenarios = new Map<string, ScenarioProgress & { durationLabel: string }>();
  for (const r of reports) {
    for (const s of r.scenarios) {
      const cur = scenarios.get(s.name);
      scenarios.set(s.name, {
        name: s.name,
        durationLabel: durationLabels.get(s.name) ?? '',
        progress: Math.max(cur?.progress ?? 0, s.progress),
        active: (cur?.active ?? 0) + s.active,
        held: (cur?.held ?? 0) + s.held,
        started: (cur?.started ?? 0) + s.started,
      });
    }
  }
  const sum = (f: (r: Report) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    elapsedMs,
    vusActive: sum((r) => r.vusActive),
    vusMax: sum((r) => r.vusInitialized),
    completed: sum((r) => r.iterationsCompleted),
    interrupted: sum((r) => r.iterationsInterrupted),
    scenarios: [...scenarios.values()],
  };
}

export function clock(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const m = Math.floor(total / 60);
  const s = (total - m * 60).toFixed(1).padStart(4, '0');
  return `${String(m)}m${s}s`;
}

export function progressLines(p: ProgressState): string[] {
  const width = Math.max(8, ...p.scenarios.map((s) => s.name.length));
  const lines = [
    `running (${clock(p.elapsedMs)}), ${String(p.vusActive).padStart(2, '0')}/${String(p.vusMax).padStart(2, '0')} VUs, ${p.completed} complete and ${p.interrupted} interrupted iterations`,
  ];
  for (const s of p.scenarios) {
    const pct = Math.round(s.progress * 100);
    const bar = '='.repeat(Math.floor(s.progress * 40)).padEnd(40, '-');
    lines.push(
      `${s.name.padEnd(width)} [${bar}] ${String(pct).padStart(3)}% ${s.active}/${s.held} VUs  ${s.started} started  ${s.durationLabel}`,
    );
  }
  return lines;
}

/** Redraws in place on a terminal; elsewhere prints a block every `everyMs`. */
export class ProgressPrinter {
  private drawn = 0;
  private lastPrint = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly everyMs = 10_000,
  ) {}

  draw(lines: string[], final = false): void {
    if (this.out.isTTY) {
      const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
      this.out.write(up + lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
      this.drawn = lines.length;
      return;
    }
    const now = Date.now();
    if (!final && now - this.lastPrint < this.everyMs) return;
    this.lastPrint = now;
    this.out.write(lines.join('\n') + '\n');
  }
}
