/**
 * What a classic VU costs: each is a thread with its own V8 heap. Small limits keep that low,
 * and a test that asks for more VUs than free memory holds stops before it starts (exit 104).
 */
import { freemem } from 'node:os';
import { ConfigError } from '../errors.ts';

/** A VU thread runs one script: a small young generation and stack suffice (limits, not reservations). */
export const VU_THREAD_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256, stackSizeMb: 2 } as const;

/**
 * Resident memory per classic VU, rounded up from measurements: an idle VU thread adds about 8 MB
 * of RSS (7.5 MB of it is Node's own per-thread cost; bench/classic/idle-vu.sh), a busy VU more
 * (bench/classic/run.sh reports it per run).
 */
export const MEASURED_MB_PER_VU = 16;

/** Memory the rest of the process (main, scheduler and I/O threads, Kafka buffers) keeps for itself. */
const RESERVED_MB = 256;

/** How many classic VUs fit in `freeBytes`. */
export function vusThatFit(freeBytes: number, mbPerVU = MEASURED_MB_PER_VU): number {
  return Math.max(0, Math.floor((freeBytes / 2 ** 20 - RESERVED_MB) / mbPerVU));
}

export function checkCapacity(vus: number, freeBytes = freemem()): void {
  const fit = vusThatFit(freeBytes);
  if (vus <= fit) return;
  throw new ConfigError(
    `the test needs ${vus} VUs, but classic mode (a thread per VU, about ${MEASURED_MB_PER_VU} MB each) fits about ${fit} in the ${Math.round(freeBytes / 2 ** 20)} MB of free memory; ` +
      `lower vus/maxVUs to ${fit} or less, or make the iteration functions async (docs/xk6-kafka-users.md) to run in async mode`,
  );
}
