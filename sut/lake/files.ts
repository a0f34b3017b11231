/**
 * Lake file layout (pure): `<dir>/event_hour=YYYY-MM-DDTHH/p<partition>-<firstOffset>-<lastOffset>.parquet`. A flush covers
 * one offset range per partition, so a replay from the committed offset writes the same names again; files of ranges
 * at or past the committed offset were never committed and are removed before consuming.
 */
import { join } from 'node:path';

export interface FileRange {
  partition: number;
  first: number;
  last: number;
}

/** UTC hour of an epoch-ms time, e.g. 2026-11-30T19 */
export function eventHour(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

export function lakeFile(dir: string, hour: string, r: FileRange): string {
  return join(dir, `event_hour=${hour}`, `p${r.partition}-${r.first}-${r.last}.parquet`);
}

export function parseLakeFileName(name: string): FileRange | undefined {
  const m = /^p(\d+)-(\d+)-(\d+)\.parquet$/.exec(name);
  return m ? { partition: Number(m[1]), first: Number(m[2]), last: Number(m[3]) } : undefined;
}

/** whether a file holds records not covered by the committed offset of its partition (-1: nothing committed) */
export function isUncommitted(r: FileRange, committed: ReadonlyMap<number, number>): boolean {
  return r.first >= (committed.get(r.partition) ?? -1);
}
