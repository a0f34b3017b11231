// npm run kafka:up [-- --brokers 1|3] [--clean] [--heap 1g] [--timeout 120]
// Starts a local KRaft Kafka from Maven-resolved jars and returns once it accepts an acks=all produce.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newClusterId, readClusterState, writeClusterState } from './cluster-state.ts';
import { clusterLayout, serverProperties, type ClusterLayout, type KafkaNode } from './layout.ts';
import { pidFile, portOpen, runningPid } from './processes.ts';
import { waitForProduce } from './ready.ts';
import { CACHE_DIR, INFRA_DIR, InfraError, ensureClasspath, javaArgs } from './toolchain.ts';

const { values } = parseArgs({
  options: {
    brokers: { type: 'string', default: '1' },
    clean: { type: 'boolean', default: false },
    heap: { type: 'string' },
    timeout: { type: 'string', default: '120' },
  },
});

/** Node directories present in the cache (of any cluster shape), to refuse starting over a different running shape. */
function existingNodeDirs(): string[] {
  if (!existsSync(CACHE_DIR)) return [];
  return readdirSync(CACHE_DIR)
    .filter((name) => /^node\d+$/.test(name))
    .map((name) => join(CACHE_DIR, name));
}

function format(classpath: string, layout: ClusterLayout): void {
  const clusterId = newClusterId();
  for (const dir of existingNodeDirs()) rmSync(dir, { recursive: true, force: true });
  for (const node of layout.nodes) {
    const props = writeProperties(layout, node);
    const result = spawnSync(
      'java',
      javaArgs(classpath, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props], { logLevel: 'WARN' }),
      {
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) {
      throw new InfraError(`formatting KRaft storage of node ${node.id} failed:\n${result.stdout}${result.stderr}`);
    }
  }
  writeClusterState(CACHE_DIR, { brokers: layout.brokers, clusterId });
}

function writeProperties(layout: ClusterLayout, node: KafkaNode): string {
  mkdirSync(node.dir, { recursive: true });
  const file = join(node.dir, 'server.properties');
  writeFileSync(file, serverProperties(readFileSync(join(INFRA_DIR, 'server.properties.template'), 'utf8'), layout, node));
  return file;
}

async function startNode(classpath: string, layout: ClusterLayout, node: KafkaNode, heap: string): Promise<void> {
  for (const port of [node.brokerPort, node.controllerPort]) {
    if (await portOpen(port)) {
      throw new InfraError(
        `port ${port} is already in use by a process this script did not start; stop it, or use that cluster with KAFKA_BROKERS=127.0.0.1:${node.brokerPort}`,
      );
    }
  }
  const props = writeProperties(layout, node);
  const log = openSync(join(node.dir, 'server.log'), 'a');
  const child = spawn('java', javaArgs(classpath, 'kafka.Kafka', [props], { heap, gc: 'parallel' }), {
    cwd: node.dir,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile(node.dir), String(child.pid));
}

function logTail(node: KafkaNode, lines = 30): string {
  const file = join(node.dir, 'server.log');
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

async function main(): Promise<void> {
  const started = Date.now();
  const layout = clusterLayout(Number(values.brokers), CACHE_DIR);
  const heap = values.heap ?? (layout.brokers === 1 ? '1g' : '512m');
  mkdirSync(CACHE_DIR, { recursive: true });

  const state = readClusterState(CACHE_DIR);
  const running = existingNodeDirs().filter((dir) => runningPid(dir) !== undefined);
  if (running.length > 0 && (state?.brokers !== layout.brokers || values.clean)) {
    throw new InfraError(`a ${state?.brokers ?? '?'}-broker local Kafka is running; run \`npm run kafka:down\` first`);
  }

  const classpath = ensureClasspath();
  if (values.clean || state?.brokers !== layout.brokers) {
    console.log(`formatting a ${layout.brokers}-broker KRaft cluster under ${CACHE_DIR}`);
    format(classpath, layout);
  }

  const toStart = layout.nodes.filter((node) => runningPid(node.dir) === undefined);
  for (const node of toStart) await startNode(classpath, layout, node, heap);
  if (toStart.length === 0) console.log('local Kafka already running');

  const bootstrap = layout.nodes.map((n) => `127.0.0.1:${n.brokerPort}`);
  const timeoutMs = Number(values.timeout) * 1000;
  // A broker that dies during startup (bad config, port race) fails fast with its log, not after the timeout.
  const error = await waitForProduce(bootstrap, layout.brokers, timeoutMs, () => {
    const dead = layout.nodes.find((n) => runningPid(n.dir) === undefined);
    if (dead)
      throw new InfraError(`Kafka node ${dead.id} exited during startup; last lines of ${join(dead.dir, 'server.log')}:\n${logTail(dead)}`);
  });
  if (error) {
    throw new InfraError(
      `local Kafka did not accept a produce within ${values.timeout}s (${error.message}); logs: ${layout.nodes.map((n) => join(n.dir, 'server.log')).join(', ')}`,
    );
  }
  console.log(
    `local Kafka ready: KAFKA_BROKERS=${layout.bootstrap} (${layout.brokers} broker(s), ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err instanceof InfraError ? `kafka:up: ${err.message}` : err);
    process.exit(1);
  },
);
