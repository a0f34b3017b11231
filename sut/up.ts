// npm run sut:up [-- --processors N --threads N --guarantee at_least_once --fault drop=0.001 --window 5s --grace 250ms …]
// Starts Redis, the Kafka Streams processor(s), the ingestion gateway and the lake sink; returns once all are healthy.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSutOptions, SUT_UP_ARGS } from './options.ts';
import { startPipeline } from './pipeline.ts';
import { REPO_ROOT, SutError } from './toolchain.ts';

try {
  const { values } = parseArgs({ options: SUT_UP_ARGS });
  const opts = parseSutOptions(values, process.env, join(REPO_ROOT, '.cache', 'sut'));
  const started = Date.now();
  const s = await startPipeline(opts);
  console.log(`reference pipeline ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${opts.processors} processor(s), ${opts.guarantee}${opts.fault ? `, faults ${opts.fault}` : ''})
  topics:     ${s.topics.events} → ${s.topics.aggregates}, ${s.topics.dlq}  (KAFKA_BROKERS=${opts.brokers.join(',')})
  gateway:    http://127.0.0.1:${s.ingest.port}/v1/events
  query API:  ${s.processors.map((p) => `http://127.0.0.1:${p.port}`).join(', ')}
  redis:      127.0.0.1:${s.redis.port} (keys ${s.redisPrefix}*)${s.lake ? `\n  lake:       http://127.0.0.1:${s.lake.port} (files under ${s.lakeDir})` : ''}
  logs:       ${opts.dir}`);
  process.exit(0);
} catch (err) {
  console.error(err instanceof SutError || !(err instanceof Error) || err.name === 'TypeError' ? `sut:up: ${(err as Error).message}` : err);
  process.exit(1);
}
