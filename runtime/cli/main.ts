/** The `streamprobe` command: `run`, `compare`, `version`, `help`. */
import { ExitCode, StreamprobeError } from '../errors.ts';
import { compareCommand } from '../compare/cli.ts';
import { runTest } from '../run/run-test.ts';
import { parseRunArgs } from './args.ts';
import { RUN_USAGE } from './help.ts';
import { exitWhenFlushed } from '../run/shutdown.ts';

const USAGE = `streamprobe: load, latency, accuracy and chaos tests for Kafka pipelines, with k6 scripts

Usage:
  streamprobe run <script.ts|script.js> [flags]   run a test (see "streamprobe run --help")
  streamprobe compare BASELINE.json CURRENT.json  gate a run against a baseline (see "streamprobe compare --help")
  streamprobe version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run': {
      const request = parseRunArgs(rest, process.env);
      if (!request.runtime.help) return runTest(request);
      process.stdout.write(RUN_USAGE);
      return ExitCode.OK;
    }
    case 'compare':
      return compareCommand(rest);
    case 'version':
    case '--version':
      process.stdout.write(`streamprobe ${process.env.npm_package_version ?? ''}`.trim() + '\n');
      return ExitCode.OK;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return ExitCode.OK;
    default:
      throw new StreamprobeError(
        `unknown command "${command}"; use "streamprobe run <script>" or see "streamprobe help"`,
        ExitCode.Generic,
      );
  }
}

// The exit is explicit: nothing a script left open (a client, a timer) may keep the process alive.
main(process.argv.slice(2)).then(exitWhenFlushed, (err: unknown) => {
  if (err instanceof StreamprobeError) {
    process.stderr.write(`ERROR ${err.message}\n`);
    exitWhenFlushed(err.exitCode);
  } else {
    process.stderr.write(`ERROR ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    exitWhenFlushed(ExitCode.Generic);
  }
});
