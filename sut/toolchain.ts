// The processor's toolchain: Java, Maven and redis-server found or named with their install command; the Kafka Streams
// application built by Maven once per source change into .cache/sut-processor/ (jar + dependency jars).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUT_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(SUT_DIR, '..');
const PROCESSOR_DIR = join(SUT_DIR, 'processor');
const BUILD_DIR = process.env.STREAMPROBE_SUT_BUILD ?? join(REPO_ROOT, '.cache', 'sut-processor');
const STAMP = join(BUILD_DIR, '.sources-sha256');
export const PROCESSOR_MAIN = 'dev.streamprobe.sut.Main';

export class SutError extends Error {
  override name = 'SutError';
}

/** Throws a SutError naming the tool and its Debian package when `cmd` is not on PATH. */
export function requireTool(cmd: string, probeArg: string, what: string, aptPackage: string): void {
  const probe = spawnSync(cmd, [probeArg], { stdio: 'ignore' });
  if (probe.error) {
    throw new SutError(
      `${what} (\`${cmd}\`) was not found on PATH; the reference pipeline needs it. Install it: \`apt-get install ${aptPackage}\``,
    );
  }
}

function sourcesHash(): string {
  const hash = createHash('sha256').update(readFileSync(join(PROCESSOR_DIR, 'pom.xml')));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path.slice(PROCESSOR_DIR.length)).update(readFileSync(path));
    }
  };
  walk(join(PROCESSOR_DIR, 'src', 'main')); // tests (src/test) do not change the jar
  return hash.digest('hex');
}

/** Runs Maven on sut/processor's pom (`mvn -q -B -f …/pom.xml ...args`), a missing JDK or Maven named with its install command.
 * `pipe` returns Maven's output in `stdout` and `stderr`; `inherit` prints it. */
export function runMaven(args: readonly string[], output: 'inherit' | 'pipe'): SpawnSyncReturns<string> {
  requireTool('javac', '-version', 'A Java 17+ compiler', 'openjdk-17-jdk-headless');
  requireTool('mvn', '-version', 'Maven', 'maven');
  return spawnSync('mvn', ['-q', '-B', '-f', join(PROCESSOR_DIR, 'pom.xml'), ...args], {
    stdio: ['ignore', output, output],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The processor's classpath, building it with Maven when its sources changed since the last build. */
export function ensureProcessorBuilt(log: (line: string) => void = console.log): string {
  requireTool('java', '-version', 'Java 17+', 'openjdk-17-jre-headless');
  const hash = sourcesHash();
  const jar = join(BUILD_DIR, 'target', 'sut-processor.jar');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== hash || !existsSync(jar)) {
    rmSync(BUILD_DIR, { recursive: true, force: true });
    log(`building the Kafka Streams processor with Maven into ${BUILD_DIR} …`);
    // no tests here: they run in npm test (test/integration/sut/processor-unit.test.ts)
    const mvn = runMaven(
      [
        `-DbuildDir=${join(BUILD_DIR, 'target')}`,
        '-Dmaven.test.skip=true',
        'package',
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${join(BUILD_DIR, 'lib')}`,
      ],
      'inherit',
    );
    if (mvn.status !== 0) throw new SutError(`Maven could not build sut/processor (exit ${mvn.status}); see its output above`);
    writeFileSync(STAMP, hash);
  }
  return `${jar}:${join(BUILD_DIR, 'lib', '*')}`;
}
