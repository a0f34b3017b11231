/**
 * The one warning a script that sets `balancer` on a Writer gets: xk6-kafka v2.1 refuses it.
 * Init code runs in every VU of every worker thread, so only one place speaks: the main thread,
 * where the options pass runs init first (then setup/teardown), or — for a writer built only
 * inside iterations, which the options pass never sees — the test's VU 1.
 */
import { isMainThread } from 'node:worker_threads';
import type { VUContext } from '../../../../vu-context/context.ts';

export const BALANCER_WARNING =
  'WriterConfig.balancer is set: this script will not run on xk6-kafka v2 (k6 stops it with "Writer balancer configuration is not supported on the Confluent compatibility path."). Remove `balancer`: the default partitioner, librdkafka\'s consistent_random (CRC-32 of the key), keeps each key on one partition.';

/** per thread: warned already, or a worker's init built one (so the options pass warned) */
let done = false;
/** classic mode's I/O thread builds every writer of the process: it speaks whatever the phase */
let soleBuilder = false;

export function buildsEveryWriter(): void {
  soleBuilder = true;
}

export function warnBalancerOnce(vu: VUContext): void {
  if (done) return;
  if (!isMainThread && !soleBuilder && vu.phase === 'init') {
    done = true;
    return;
  }
  if (!isMainThread && !soleBuilder && vu.idInTest !== 1) return;
  done = true;
  vu.log.warn(BALANCER_WARNING);
}
