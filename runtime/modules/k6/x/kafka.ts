/**
 * `k6/x/kafka`: xk6-kafka's JavaScript API (v1 names + v2 Producer/Consumer/AdminClient) on
 * @platformatic/kafka. Differences from xk6-kafka, by design of this runtime:
 * - produce/consume, admin and schema-registry HTTP calls return promises (scripts `await` them).
 * - message keys/values given as strings are UTF-8 text (v2 behaviour; v1 would base64-decode).
 * - Writers with equal configuration share one producer per worker thread.
 */
import type { VUContext } from '../../../vu-context/context.ts';
import { defineAdmin } from './kafka/connection.ts';
import { exportedConstants } from './kafka/constants.ts';
import { ErrorCode, KafkaError } from './kafka/errors.ts';
import { KafkaMetrics } from './kafka/metrics.ts';
import { defineReader } from './kafka/reader.ts';
import { defineSchemaRegistry } from './kafka/schema-registry.ts';
import { defineWriter } from './kafka/writer.ts';

function LoadJKS(): never {
  throw new KafkaError(
    ErrorCode.UnsupportedOperation,
    'Operation not supported',
    'LoadJKS: convert the keystore to PEM and pass it in tls',
  );
}

export default function createKafkaModule(vu: VUContext): Record<string, unknown> {
  const metrics = new KafkaMetrics(vu);
  const Writer = defineWriter(vu, metrics);
  const Reader = defineReader(vu, metrics);
  const exports: Record<string, unknown> = {
    ...exportedConstants,
    Writer,
    Reader,
    Connection: defineAdmin(vu, false),
    SchemaRegistry: defineSchemaRegistry(vu),
    LoadJKS,
    Producer: Writer,
    Consumer: Reader,
    AdminClient: defineAdmin(vu, true),
  };
  exports.default = exports;
  return exports;
}
