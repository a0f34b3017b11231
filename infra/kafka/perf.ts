// npm run kafka:perf -- <producer|consumer|topics|e2e-latency> [Kafka tool options…]
// Runs Kafka's own tools from the Maven-resolved jars (same as bin/kafka-producer-perf-test.sh etc.).
import { spawnSync } from 'node:child_process';
import { CACHE_DIR, InfraError, ensureClasspath, javaArgs } from './toolchain.ts';

const TOOLS: Record<string, string> = {
  producer: 'org.apache.kafka.tools.ProducerPerformance', // kafka-producer-perf-test
  consumer: 'org.apache.kafka.tools.ConsumerPerformance', // kafka-consumer-perf-test
  topics: 'org.apache.kafka.tools.TopicCommand', // kafka-topics
  'e2e-latency': 'org.apache.kafka.tools.EndToEndLatency', // kafka-e2e-latency
};

const [tool, ...args] = process.argv.slice(2);
try {
  const mainClass = tool === undefined ? undefined : TOOLS[tool];
  if (mainClass === undefined) {
    throw new InfraError(
      `usage: npm run kafka:perf -- <${Object.keys(TOOLS).join('|')}> [options]; ` +
        'e.g. npm run kafka:perf -- producer --topic t --num-records 100000 --record-size 250 --throughput -1 ' +
        '--producer-props bootstrap.servers=127.0.0.1:9092 acks=all',
    );
  }
  const classpath = ensureClasspath();
  const result = spawnSync('java', javaArgs(classpath, mainClass, args, { heap: '512m', logLevel: 'WARN' }), {
    stdio: 'inherit',
    cwd: CACHE_DIR,
  });
  process.exit(result.status ?? 1);
} catch (err) {
  console.error(err instanceof InfraError ? `kafka:perf: ${err.message}` : err);
  process.exit(1);
}
