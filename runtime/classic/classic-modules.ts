/**
 * The modules a classic VU sees: `k6` with a blocking sleep(), `k6/x/kafka` whose clients
 * live on the I/O thread while constants, serde and metric definitions stay in the VU, and
 * `k6/http` whose requests run on the I/O thread while responses, metrics and cookies stay in the VU.
 */
import k6Module from '../modules/k6.ts';
import { httpExports } from '../modules/k6/http/exports.ts';
import { exportedConstants } from '../modules/k6/x/kafka/constants.ts';
import { KafkaMetrics } from '../modules/k6/x/kafka/metrics.ts';
import { defineSchemaRegistry } from '../modules/k6/x/kafka/schema-registry.ts';
import type { ModuleFactory } from '../modules/registry.ts';
import type { BlockingClient } from './blocking-client.ts';
import { blockingHttpRunner } from './blocking-http-runner.ts';
import { RemoteCalls, remoteClass, remoteFunction } from './remote-object.ts';

const KAFKA = 'k6/x/kafka';
const HTTP = 'k6/http';
/** SchemaRegistry methods that are pure work: run in the VU, no round trip per message */
const LOCAL_SERDE = ['serialize', 'deserialize', 'getSubjectName'] as const;

export function classicModules(client: BlockingClient): Record<string, ModuleFactory> {
  return {
    k6: (vu) => ({ ...k6Module(vu), sleep: (seconds: number) => client.sleep(Math.max(0, Number(seconds) * 1000)) }),
    [KAFKA]: (vu) => {
      // registered at import, as xk6-kafka does, so thresholds on kafka_* metrics validate
      new KafkaMetrics(vu);
      const calls = new RemoteCalls(client, vu, KAFKA);
      const LocalRegistry = defineSchemaRegistry(vu);
      const remote = (name: string) => remoteClass(calls, name);
      return {
        ...exportedConstants,
        Writer: remote('Writer'),
        Reader: remote('Reader'),
        Connection: remote('Connection'),
        Producer: remote('Producer'),
        Consumer: remote('Consumer'),
        AdminClient: remote('AdminClient'),
        SchemaRegistry: remoteClass(calls, 'SchemaRegistry', {
          create: (args) => new LocalRegistry(...args) as unknown as Record<string, unknown>,
          methods: LOCAL_SERDE,
        }),
        LoadJKS: remoteFunction(calls, 'LoadJKS'),
      };
    },
    [HTTP]: (vu) => httpExports(vu, () => blockingHttpRunner(new RemoteCalls(client, vu, HTTP), vu)),
  };
}
