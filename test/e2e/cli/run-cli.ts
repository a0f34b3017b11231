/** Runs `streamprobe run` as a child process, the way a user does, and reads back what it wrote. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/streamprobe.js');
export const FIXTURES = path.join(ROOT, 'test/e2e/fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `streamprobe run -q --no-color <args>` with CI=true; `args` may be bare fixture names ("x.ts"). */
export function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).result;
}

/** A started run: the child (to signal it) and its result; it is killed after `timeoutMs` if still alive. */
export interface StartedCli {
  child: ChildProcess;
  result: Promise<CliResult>;
  /** resolves when stderr has a line matching `re` */
  waitFor(re: RegExp): Promise<void>;
}

export interface CliOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** false: without -q (the banner shows) */
  quiet?: boolean;
  /** a command that runs the CLI, e.g. ['taskset', '-c', '0'] */
  prefix?: readonly string[];
}

/** `streamprobe run [-q] --no-color <args>`, started; `args` may be bare fixture names ("x.ts"). */
export function startCli(args: readonly string[], opts: CliOptions = {}): StartedCli {
  const fixtures = args.map((a) => (/^[\w-]+\.ts$/.test(a) ? path.join(FIXTURES, a) : a));
  return startStreamprobe(['run', ...(opts.quiet === false ? [] : ['-q']), '--no-color', ...fixtures], opts);
}

/** `streamprobe <argv>` with CI=true, to its end. */
export function runStreamprobe(argv: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return startStreamprobe(argv, opts).result;
}

function startStreamprobe(argv: readonly string[], opts: CliOptions): StartedCli {
  const [command, ...args] = [...(opts.prefix ?? []), process.execPath, BIN, ...argv];
  const child = spawn(command!, args, {
    cwd: ROOT,
    // the guard judges the machine, and this one is busy with the whole suite: tests of the guard turn it on
    env: { ...process.env, CI: 'true', STREAMPROBE_SATURATION_GUARD: 'off', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { re: RegExp; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const w of watchers) if (w.re.test(stderr)) w.resolve();
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (re.test(stderr)) return resolve();
      watchers.push({ re, resolve });
      void result.then((r) => reject(new Error(`the run ended (exit ${r.code}) before stderr matched ${re}\nstderr:\n${r.stderr}`)));
    });
  return { child, result, waitFor };
}

/** A scratch directory removed by the returned cleanup. */
export function scratchDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-e2e-'));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The legacy `--summary-export` JSON (docs/k6-compatibility.md#end-of-test-summary). */
export interface ExportedSummary {
  root_group: { checks: Record<string, { name: string; passes: number; fails: number }>; groups: Record<string, unknown> };
  metrics: Record<string, Record<string, number> & { thresholds?: Record<string, boolean> }>;
  setup_data?: unknown;
}

/** Runs a fixture with `--summary-export` and returns the parsed export along with the run's output. */
export async function runWithExport(
  args: readonly string[],
  opts?: Parameters<typeof runCli>[1],
): Promise<CliResult & { summary: ExportedSummary }> {
  const scratch = scratchDir();
  try {
    const file = scratch.file('summary.json');
    const result = await runCli(['--summary-export', file, ...args], opts);
    let summary: ExportedSummary;
    try {
      summary = JSON.parse(readFileSync(file, 'utf8')) as ExportedSummary;
    } catch {
      throw new Error(`no summary export (exit ${result.code})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    }
    return { ...result, summary };
  } finally {
    scratch.cleanup();
  }
}

/** Fails with the run's output when the exit code is not the expected one. */
export function expectCode(result: CliResult, code: number): void {
  if (result.code !== code) {
    throw new Error(`expected exit ${code}, got ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Checks in the export that did not pass every time, as "name: fails". */
export function failedChecks(summary: ExportedSummary): string[] {
  return Object.values(summary.root_group.checks)
    .filter((c) => c.fails > 0)
    .map((c) => `${c.name}: ${c.fails} failed`);
}

export const count = (summary: ExportedSummary, metric: string): number | undefined => summary.metrics[metric]?.count;

/** One run that several tests inspect: started by the first test that asks, then shared. */
export function sharedRun<T>(start: () => Promise<T>): () => Promise<T> {
  let run: Promise<T> | undefined;
  return () => (run ??= start());
}
