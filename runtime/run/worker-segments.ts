/**
 * Splits this instance's execution segment between its worker threads: the sequence is refined
 * with equal sub-segments, and each worker runs one (k6's own mechanism, one level down).
 */
import { Rational } from '../execution/rational.ts';
import { segmentContext } from '../execution/segment.ts';

export interface WorkerSegment {
  readonly segment: string;
  readonly sequence: string;
}

export function workerSegments(segment: string | null, sequence: string | null, workers: number): WorkerSegment[] {
  const ctx = segmentContext(segment, sequence);
  const { from, to } = ctx;
  const boundaries: Rational[] = sequence ? sequence.split(',').map((_, i, all) => boundaryOf(all, i)) : [Rational.ZERO, from, to, Rational.ONE];
  const parts: Rational[] = [];
  const length = to.sub(from);
  const n = BigInt(workers);
  // from + length·k/n
  for (let k = 0n; k <= n; k++) parts.push(Rational.of(from.num * length.den * n + length.num * k * from.den, from.den * length.den * n));
  const all = unique([...boundaries, ...parts]);
  const seq = all.map(String).join(',');
  return parts.slice(0, -1).map((p, i) => ({ segment: `${p}:${parts[i + 1]}`, sequence: seq }));
}

function boundaryOf(all: string[], i: number): Rational {
  // the sequence was validated by segmentContext; read each boundary through a one-value segment
  const text = all[i]!.trim();
  if (text === '0' || text === '0%') return Rational.ZERO;
  return segmentContext(text, null).to;
}

function unique(values: Rational[]): Rational[] {
  const sorted = [...values].sort((a, b) => a.compare(b));
  return sorted.filter((v, i) => i === 0 || !v.equals(sorted[i - 1]!));
}
