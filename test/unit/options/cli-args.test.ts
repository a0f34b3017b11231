import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availableParallelism } from 'node:os';
import { parseRunArgs } from '../../../runtime/cli/args.ts';
import { ConfigError, StreamprobeError } from '../../../runtime/errors.ts';
import { DEFAULT_BOUNDS } from '../../../runtime/saturation/guard.ts';

const usageError = (flagText: string) => (err: unknown) =>
  err instanceof StreamprobeError &&
  !(err instanceof ConfigError) &&
  err.exitCode === 255 &&
  err.message.includes(flagText) &&
  err.message.includes('--help');

describe('parseRunArgs', () => {
  it('takes the script and defaults', () => {
    const a = parseRunArgs(['script.ts']);
    assert.equal(a.scriptPath, 'script.ts');
    assert.deepEqual(a.cliOptions, {});
    assert.deepEqual(a.env, {});
    assert.deepEqual(a.warnings, []);
    assert.deepEqual(a.runtime, {
      workers: availableParallelism(),
      mode: 'auto',
      quiet: false,
      verbose: false,
      noColor: false,
      logFormat: 'text',
      configPath: null,
      junit: null,
      includeSystemEnvVars: true,
      help: false,
      saturationGuard: 'on',
      saturationBounds: DEFAULT_BOUNDS,
      webDashboard: false,
    });
  });

  it('takes the saturation guard from flags over STREAMPROBE_SATURATION_* variables', () => {
    const env = { STREAMPROBE_SATURATION_GUARD: 'strict', STREAMPROBE_SATURATION_BOUNDS: 'cpu=50%' };
    const fromEnv = parseRunArgs(['script.ts'], env);
    assert.equal(fromEnv.runtime.saturationGuard, 'strict');
    assert.deepEqual(fromEnv.runtime.saturationBounds, { ...DEFAULT_BOUNDS, cpu: 0.5 });
    const fromFlags = parseRunArgs(['--saturation-guard=off', '--saturation-bounds', 'lag=1s', 'script.ts'], env);
    assert.equal(fromFlags.runtime.saturationGuard, 'off');
    assert.deepEqual(fromFlags.runtime.saturationBounds, { ...DEFAULT_BOUNDS, startLagMs: 1000 });
  });

  it('--web-dashboard turns the web dashboard on', () => {
    assert.equal(parseRunArgs(['s.js', '--web-dashboard']).runtime.webDashboard, true);
  });

  it('accepts long, long=, short, short-inline and short= forms, before and after the script', () => {
    const a = parseRunArgs(['-u', '10', 'script.ts', '--duration=1m', '-i5', '--summary-mode', 'full', '-o=json=x.json']);
    assert.deepEqual(a.cliOptions, { vus: 10, duration: '1m', iterations: 5, summaryMode: 'full', out: ['json=x.json'] });
  });

  it('--junit names the JUnit XML file', () => {
    assert.equal(parseRunArgs(['s.js', '--junit', 'reports/junit.xml']).runtime.junit, 'reports/junit.xml');
    assert.equal(parseRunArgs(['--junit=j.xml', 's.js']).runtime.junit, 'j.xml');
  });

  it('collects repeatable flags', () => {
    const a = parseRunArgs([
      's.js',
      '-s',
      '30s:10',
      '--stage',
      '1m:20,10s:0',
      '-o',
      'json=a.json',
      '--out',
      'csv=fileName=b.csv,saveInterval=2s',
      '--tag',
      'env=ci',
      '--tag',
      'team=data=x',
      '-e',
      'A=1',
      '--env',
      'B=x=y',
      '-e',
      'A=2',
      '-e',
      'EMPTY',
    ]);
    assert.deepEqual(a.cliOptions, {
      stages: [
        { duration: '30s', target: 10 },
        { duration: '1m', target: 20 },
        { duration: '10s', target: 0 },
      ],
      out: ['json=a.json', 'csv=fileName=b.csv,saveInterval=2s'],
      tags: { env: 'ci', team: 'data=x' },
    });
    assert.deepEqual(a.env, { A: '2', B: 'x=y', EMPTY: '' });
  });

  it('reads boolean flags, bare, combined and with =value', () => {
    const a = parseRunArgs([
      '-qw',
      '--no-setup',
      '--no-teardown=false',
      '--no-thresholds',
      's.js',
      '--include-system-env-vars=false',
      '-v',
    ]);
    assert.deepEqual(a.cliOptions, { throw: true, noSetup: true, noTeardown: false, noThresholds: true });
    assert.equal(a.runtime.quiet, true);
    assert.equal(a.runtime.verbose, true);
    assert.equal(a.runtime.includeSystemEnvVars, false);
  });

  it('reads summary, tag, segment and timing flags', () => {
    const a = parseRunArgs([
      's.js',
      '--summary-export',
      'sum.json',
      '--summary-trend-stats',
      'avg,p(99),p(99.9)',
      '--summary-time-unit',
      'ms',
      '--system-tags',
      'scenario,group',
      '--execution-segment',
      '1/4:2/4',
      '--execution-segment-sequence',
      '0,1/4,2/4,1',
      '--min-iteration-duration',
      '1s',
    ]);
    assert.deepEqual(a.cliOptions, {
      summaryExport: 'sum.json',
      summaryTrendStats: ['avg', 'p(99)', 'p(99.9)'],
      summaryTimeUnit: 'ms',
      systemTags: ['scenario', 'group'],
      executionSegment: '1/4:2/4',
      executionSegmentSequence: '0,1/4,2/4,1',
      minIterationDuration: '1s',
    });
  });

  it('reads runner settings', () => {
    const a = parseRunArgs(['s.js', '--workers', '3', '-c', 'cfg.json', '--log-format=json', '--no-color', '--mode', 'classic']);
    assert.equal(a.runtime.workers, 3);
    assert.equal(a.runtime.mode, 'classic');
    assert.equal(a.runtime.configPath, 'cfg.json');
    assert.equal(a.runtime.logFormat, 'json');
    assert.equal(a.runtime.noColor, true);
  });

  it('falls back to K6_CONFIG, K6_LOG_FORMAT, NO_COLOR and K6_INCLUDE_SYSTEM_ENV_VARS', () => {
    const env = { K6_CONFIG: 'k6.json', K6_LOG_FORMAT: 'raw', NO_COLOR: '', K6_INCLUDE_SYSTEM_ENV_VARS: 'false' };
    const a = parseRunArgs(['s.js'], env);
    assert.equal(a.runtime.configPath, 'k6.json');
    assert.equal(a.runtime.logFormat, 'raw');
    assert.equal(a.runtime.noColor, true);
    assert.equal(a.runtime.includeSystemEnvVars, false);
    const b = parseRunArgs(['s.js', '-c', 'mine.json', '--include-system-env-vars'], env);
    assert.equal(b.runtime.configPath, 'mine.json');
    assert.equal(b.runtime.includeSystemEnvVars, true);
  });

  it('maps the deprecated --no-summary to summary mode disabled, with a warning', () => {
    const a = parseRunArgs(['s.js', '--no-summary']);
    assert.equal(a.cliOptions.summaryMode, 'disabled');
    assert.match(a.warnings[0]!, /deprecated/);
  });

  it('gives --http-debug the value "headers" when bare', () => {
    assert.equal(parseRunArgs(['s.js', '--http-debug']).cliOptions.httpDebug, 'headers');
    assert.equal(parseRunArgs(['s.js', '--http-debug=full']).cliOptions.httpDebug, 'full');
  });

  it('accepts k6-only flags with a warning', () => {
    const a = parseRunArgs(['s.js', '-a', 'localhost:6565', '--linger']);
    assert.deepEqual(a.cliOptions, {});
    assert.equal(a.warnings.length, 2);
  });

  it('takes "-" (stdin) as script and everything after "--" as arguments', () => {
    assert.equal(parseRunArgs(['-u', '2', '-']).scriptPath, '-');
    assert.equal(parseRunArgs(['--', '--odd-name.js']).scriptPath, '--odd-name.js');
  });

  it('does not need a script for --help', () => {
    const a = parseRunArgs(['-h']);
    assert.equal(a.runtime.help, true);
    assert.equal(a.scriptPath, '');
  });

  it('rejects unknown flags with exit code 255, naming the flag', () => {
    assert.throws(() => parseRunArgs(['s.js', '--vu', '3']), usageError('--vu'));
    assert.throws(() => parseRunArgs(['s.js', '--nope=1']), usageError('--nope'));
    assert.throws(() => parseRunArgs(['s.js', '-x']), usageError("'x'"));
    assert.throws(() => parseRunArgs(['s.js', '-qx']), usageError("'x'"));
  });

  it('rejects a missing script, extra scripts and a missing flag value with exit code 255', () => {
    assert.throws(() => parseRunArgs([]), usageError('missing script'));
    assert.throws(() => parseRunArgs(['-u', '3']), usageError('missing script'));
    assert.throws(() => parseRunArgs(['a.js', 'b.js']), usageError('a.js b.js'));
    assert.throws(() => parseRunArgs(['s.js', '--vus']), usageError('--vus'));
    assert.throws(() => parseRunArgs(['s.js', '-d']), usageError('-d'));
  });

  it('rejects bad values as invalid config (104), naming the flag', () => {
    const cases: string[][] = [
      ['-u', 'many'],
      ['--duration', 'soon'],
      ['-s', '30s'],
      ['--summary-trend-stats', 'avg,p99'],
      ['--summary-time-unit', 'h'],
      ['--summary-mode', 'tiny'],
      ['--system-tags', 'bogus'],
      ['--tag', 'novalue'],
      ['-e', '1BAD=x'],
      ['--no-setup=maybe'],
      ['--workers', '0'],
      ['--log-format', 'xml'],
      ['--mode', 'sync'],
    ];
    for (const flagArgs of cases) {
      const shown = flagArgs[0]!.split('=')[0]!;
      assert.throws(
        () => parseRunArgs(['s.js', ...flagArgs]),
        (err: unknown) => err instanceof ConfigError && err.exitCode === 104 && err.message.includes(shown),
        flagArgs.join(' '),
      );
    }
  });
});
