import assert from 'node:assert/strict';
import { test } from 'node:test';
import { javaArgs } from '../../../infra/kafka/toolchain.ts';

test('javaArgs: a fixed heap, G1 by default, Parallel with half the heap young on request, then class and arguments', () => {
  const g1 = javaArgs('/cp/*', 'kafka.Kafka', ['server.properties']);
  assert.deepEqual(g1.slice(0, 4), ['-Xms256m', '-Xmx256m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20']);
  assert.deepEqual(g1.slice(-4), ['-cp', '/cp/*', 'kafka.Kafka', 'server.properties']);

  const parallel = javaArgs('/cp/*', 'dev.Main', ['--x'], { heap: '2g', gc: 'parallel', logLevel: 'WARN' });
  assert.deepEqual(parallel.slice(0, 4), ['-Xms2g', '-Xmx2g', '-XX:+UseParallelGC', '-XX:NewRatio=1']);
  assert.ok(!parallel.some((a) => a.includes('G1')));
  assert.ok(parallel.includes('-Dkafka.log.level=WARN'));
});
