/** What a reader does about a partition's error code in a fetch response. */
import { protocolErrorsCodesById } from '@platformatic/kafka';
import type { FetchedPartition } from './fetch-response.ts';

const OFFSET_OUT_OF_RANGE = 1;
/** leadership moved or metadata is stale: refresh metadata and fetch again */
const REFRESH_METADATA = new Set([3, 5, 6, 9, 74, 75, 100]);

export type FetchOutcome = 'ok' | 'reset-offset' | 'refresh-metadata';

export function fetchOutcome(p: FetchedPartition): FetchOutcome {
  if (p.errorCode === 0) return 'ok';
  if (p.errorCode === OFFSET_OUT_OF_RANGE) return 'reset-offset';
  if (REFRESH_METADATA.has(p.errorCode)) return 'refresh-metadata';
  const name = (protocolErrorsCodesById as Record<number, string>)[p.errorCode] ?? `error code ${p.errorCode}`;
  throw new Error(`fetching ${p.topic} partition ${p.partition} failed: ${name}`);
}
