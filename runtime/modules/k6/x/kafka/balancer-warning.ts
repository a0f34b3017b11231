/**
 * The one warning a script that sets `balancer` on a Writer gets: xk6-kafka v2.1 refuses it.
 * Init code runs in every VU of every worker, so only one place speaks: the main thread, where
 * the options pass runs init first (and setup/teardown), or — for a writer first built inside an
 * iteration, which the options pass never sees — the test's VU 1.
 */
import { isMainThread } from 'node:worker_threads';
import type { VUContext } from '../../../../vu/context.ts';

export const BALANCER_WARNING =
  "WriterConfig.balancer is set: this script will not run on xk6-kafka v2 (k6 stops it with \"Writer balancer configuration is not supported on the Confluent compatibility path.\"). Remove `balancer`: the default partitioner, librdkafka's consistent_random (CRC-32 of the key), keeps each key on one partition.";

let warned = false;

export function warnBalancerOnce(vu: VUContext): void {
  if (warned) return;
  const speaks = isMainThread || (vu.phase !== 'init' && vu.idInTest === 1);
  if (!speaks) return;
  warned = true;
  vu.log.warn(BALANCER_WARNING);
}
