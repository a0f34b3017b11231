/**
 * Microbenchmark of the processor's event validation: thread CPU µs per validation through the fast path
 * (FlatEventScanner, then Jackson for the rest) and through Jackson alone, on 10,000 lib/events-shaped records, all valid
 * and 30 % malformed. Builds sut/processor's test classes with Maven into a temporary folder, runs
 * dev.streamprobe.sut.ValidatorBench (Parallel GC, as the processors) and prints one JSON line per record mix.
 * Needs a quiet machine: npx tsx bench/sut/validator.ts [--rounds 50]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runMaven } from '../../sut/toolchain.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '50' } } });
const dir = mkdtempSync(join(tmpdir(), 'sp-validator-bench-'));
try {
  const target = join(dir, 'target');
  const cpFile = join(dir, 'classpath.txt');
  const mvn = runMaven([`-DbuildDir=${target}`, 'test-compile', 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`], 'inherit');
  if (mvn.status !== 0) throw new Error(`Maven could not build sut/processor's test classes (exit ${mvn.status}); see its output above`);
  const cp = [join(target, 'classes'), join(target, 'test-classes'), readFileSync(cpFile, 'utf8').trim()].join(':');
  const java = spawnSync('java', ['-XX:+UseParallelGC', '-cp', cp, 'dev.streamprobe.sut.ValidatorBench', values.rounds!], {
    stdio: 'inherit',
  });
  process.exitCode = java.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
