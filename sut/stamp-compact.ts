/** The compact stamp header `sp`: `run:gen:seq:intendedUs:sentUs` (decimal; read from the right so a run id may hold colons). */
import type { Stamp } from '../lib/stamp-headers.ts';

export const COMPACT_STAMP_HEADER = 'sp';

export function parseCompactStamp(value: string): Stamp | undefined {
  const parts = value.split(':');
  if (parts.length < 5) return undefined;
  const [gen, seq, intended, sent] = parts.slice(-4) as [string, string, string, string];
  if (![seq, intended, sent].every((p) => /^\d+$/.test(p))) return undefined;
  return { runId: parts.slice(0, -4).join(':'), generatorId: gen, seq: Number(seq), intendedUs: Number(intended), sentUs: Number(sent) };
}

export function formatCompactStamp(s: Stamp): string {
  return `${s.runId}:${s.generatorId}:${s.seq}:${s.intendedUs}:${s.sentUs}`;
}
