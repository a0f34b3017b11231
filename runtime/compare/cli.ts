/** `streamprobe compare`: reads the files, compares, prints the table, writes the Markdown, picks the exit code. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, ExitCode, StreamprobeError, type ExitCodeValue } from '../errors.ts';
import { compareRuns } from './compare.ts';
import { runsOf, type RunMetrics } from './summary-file.ts';
import { markdownTable, textTable } from './table.ts';
import { NO_TOLERANCE_FILE, parseToleranceFile } from './tolerances.ts';

export const COMPARE_USAGE = `Usage:
  streamprobe compare BASELINE.json [BASELINE2.json ...] CURRENT.json [flags]

Compares a run's results with a stored baseline and exits 99 when a statistic regressed beyond
its tolerance (0 otherwise). Files are --summary-export or handleSummary JSON from streamprobe or
k6; a file may hold several runs (a JSON array, or {"runs": [...]}). With two or more baseline
runs, a change inside their spread is reported as noise, not as a regression.

Flags:
      --baseline FILE       a baseline run (repeatable; adds to the positional baselines)
      --tolerances FILE     JSON: {"<metric>": {"<stat>": "+10%" | "-5%" | "+2" | null}, "$defaults": true}
                            default: trend avg/med/p(90)/p(95)/p(99)/p(99.9) may grow 10 %, a counter's
                            rate or a Rate may drop 5 %, errors/drops/failures may grow 10 % (none from 0)
      --markdown FILE       also write the table as GitHub Markdown (e.g. for $GITHUB_STEP_SUMMARY)
  -h, --help                this help
`;

interface CompareArgs {
  baselines: string[];
  current: string;
  tolerances?: string;
  markdown?: string;
}

function usageError(message: string): StreamprobeError {
  return new StreamprobeError(`${message}; see "streamprobe compare --help"`, ExitCode.Generic);
}

export function parseCompareArgs(argv: readonly string[]): CompareArgs | 'help' {
  const files: string[] = [];
  const baselines: string[] = [];
  const named: { tolerances?: string; markdown?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    const m = /^--(baseline|tolerances|markdown)(?:=(.*))?$/.exec(arg);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw usageError(`flag needs an argument: --${m[1]}`);
      if (m[1] === 'baseline') baselines.push(value);
      else named[m[1] as 'tolerances' | 'markdown'] = value;
    } else if (arg.startsWith('-')) {
      throw usageError(`unknown flag: ${arg}`);
    } else {
      files.push(arg);
    }
  }
  const current = files.pop();
  baselines.unshift(...files);
  if (current === undefined || baselines.length === 0)
    throw usageError('compare needs a baseline and a current run: streamprobe compare BASELINE.json CURRENT.json');
  return { baselines, current, ...named };
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the ${what} ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`the ${what} ${file} is not JSON: ${(err as Error).message}`);
  }
}

function readRuns(file: string, what: string): RunMetrics[] {
  try {
    return runsOf(readJson(file, what));
  } catch (err) {
    if (err instanceof StreamprobeError) throw err;
    throw new ConfigError(`the ${what} ${file}: ${(err as Error).message}`);
  }
}

export function compareCommand(argv: readonly string[]): ExitCodeValue {
  const args = parseCompareArgs(argv);
  if (args === 'help') {
    process.stdout.write(COMPARE_USAGE);
    return ExitCode.OK;
  }
  const baselines = args.baselines.flatMap((f) => readRuns(f, 'baseline'));
  const current = readRuns(args.current, 'current run');
  if (current.length !== 1) throw new ConfigError(`the current run ${args.current} holds ${current.length} runs; give one run`);
  let tolerances = NO_TOLERANCE_FILE;
  if (args.tolerances) {
    try {
      tolerances = parseToleranceFile(readJson(args.tolerances, 'tolerances file'));
    } catch (err) {
      if (err instanceof StreamprobeError) throw err;
      throw new ConfigError(`the tolerances file ${args.tolerances}: ${(err as Error).message}`);
    }
  }
  const comparison = compareRuns(baselines, current[0]!, tolerances);
  process.stdout.write(textTable(comparison));
  if (args.markdown) {
    mkdirSync(path.dirname(path.resolve(args.markdown)), { recursive: true });
    writeFileSync(args.markdown, markdownTable(comparison));
  }
  return comparison.regressions.length > 0 ? ExitCode.ThresholdsHaveFailed : ExitCode.OK;
}
