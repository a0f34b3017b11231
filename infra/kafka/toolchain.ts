// Java + Maven: finding them, resolving Kafka's jars from Maven Central into .cache/kafka/lib, building java command lines.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INFRA_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(INFRA_DIR, '../..');
export const CACHE_DIR = process.env.STREAMPROBE_KAFKA_CACHE ?? join(REPO_ROOT, '.cache', 'kafka');
const LIB_DIR = join(CACHE_DIR, 'lib');
const POM = join(INFRA_DIR, 'pom.xml');
const STAMP = join(LIB_DIR, '.pom-sha256');

const ALTERNATIVES =
  'Alternatives: point streamprobe at an existing cluster with KAFKA_BROKERS=host:port,…, ' +
  'or run Kafka in Docker with `docker compose -f infra/docker-compose.yml up -d`.';

export class InfraError extends Error {
  override name = 'InfraError';
}

function requireCommand(cmd: string, what: string, install: string): void {
  const probe = spawnSync(cmd, ['-version'], { stdio: 'ignore' });
  if (probe.error) {
    throw new InfraError(`${what} (\`${cmd}\`) was not found on PATH; the local Kafka needs it. Install it (${install}). ${ALTERNATIVES}`);
  }
}

/** Resolves the broker + tools jars with Maven once per pom.xml content; later calls are a hash comparison. */
export function ensureClasspath(): string {
  requireCommand('java', 'Java 17+', 'e.g. `apt-get install openjdk-17-jre-headless`');
  const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== pomHash) {
    requireCommand('mvn', 'Maven', 'e.g. `apt-get install maven`');
    rmSync(LIB_DIR, { recursive: true, force: true });
    console.log(`resolving Kafka jars from Maven Central into ${LIB_DIR} …`);
    const mvn = spawnSync(
      'mvn',
      ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${LIB_DIR}`],
      { stdio: 'inherit' },
    );
    if (mvn.status !== 0) {
      throw new InfraError(`Maven could not resolve Kafka's jars (exit ${mvn.status}); see its output above. ${ALTERNATIVES}`);
    }
    writeFileSync(STAMP, pomHash);
  }
  return join(LIB_DIR, '*');
}

export interface JavaOptions {
  /** -Xms = -Xmx */
  heap?: string;
  /**
   * G1 (the JVM's default) or Parallel with half the heap young: less CPU per byte allocated, short stop-the-world
   * pauses while the live set is small; on 2 shared cores it leaves the CPU of G1's concurrent threads to the others
   */
  gc?: 'g1' | 'parallel';
  logLevel?: string;
}

/** argv for `java … <mainClass> <args>` with Kafka's jars and our log4j2 config. */
export function javaArgs(classpath: string, mainClass: string, args: string[], opts: JavaOptions = {}): string[] {
  const heap = opts.heap ?? '256m';
  const gc = opts.gc === 'parallel' ? ['-XX:+UseParallelGC', '-XX:NewRatio=1'] : ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20'];
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...gc,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(INFRA_DIR, 'log4j2.properties')}`,
    `-Dkafka.log.level=${opts.logLevel ?? 'INFO'}`,
    '-cp',
    classpath,
    mainClass,
    ...args,
  ];
}
