/**
 * Expected windows against what one output of the pipeline shows (the aggregates topic, Redis via
 * the query API, the query API's state stores): a value per (window, key), compared field by field.
 * Uncertain windows are skipped. Only the aggregates topic attributes count differences to records
 * lost or duplicated (the other outputs would count the same records again).
 */
import { windowId, type ExpectedWindow } from './expected.ts';

/** an aggregate as the pipeline writes it (sut/README.md "aggregates") */
export interface ActualAggregate {
  key: string;
  window_start_ms: number;
  window_end_ms: number;
  count: number;
  sum_amount_cents: number;
  distinct_users: number;
  max_intended_us?: number | null;
}

export interface SourceDiff {
  source: string;
  /** (window, key) pairs whose value differs, is missing or was not expected */
  mismatches: number;
  missing: number;
  unexpected: number;
  /** windows emitted more than once */
  repeated: number;
  /** the emissions of those windows beyond the first (a window emitted 3 times: 2) */
  duplicateEmissions: number;
  /** records counted less (lost) or more (duplicated) than expected, over exact windows */
  recordsLost: number;
  recordsDuplicated: number;
  /** labels of missing windows, first MAX_LISTED */
  missingWindows: string[];
  /** the first differences of each kind (repeated, wrong, missing, unexpected), as people read them */
  differences: string[];
}

/** A source with nothing found wrong yet. */
export function emptySourceDiff(source: string): SourceDiff {
  return {
    source,
    mismatches: 0,
    missing: 0,
    unexpected: 0,
    repeated: 0,
    duplicateEmissions: 0,
    recordsLost: 0,
    recordsDuplicated: 0,
    missingWindows: [],
    differences: [],
  };
}

const MAX_LISTED = 10;
const LISTED_PER_KIND = 4;
type Kind = 'repeated' | 'wrong' | 'missing' | 'unexpected';

function clock(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.slice(11, 19) : iso.slice(11, 23);
}

/** `window pg12:click [10:00:05,10:00:10)` (UTC) */
export function windowLabel(key: string, startMs: number, endMs: number): string {
  return `window ${key} [${clock(startMs)},${clock(endMs)})`;
}

const FIELDS = [
  ['count', 'count'],
  ['sumAmountCents', 'sum_amount_cents'],
  ['distinctUsers', 'distinct_users'],
] as const;

/**
 * Diffs `actual` (in the order the output gave them; a repeated window's last value counts) against
 * `expected`. Values outside [firstWindowMs, lastWindowMs] belong to other runs and are ignored.
 */
export function diffAggregates(
  source: string,
  expected: ReadonlyMap<string, ExpectedWindow>,
  actual: readonly ActualAggregate[],
  span: { firstWindowMs: number; lastWindowMs: number },
  attributeRecords: boolean,
): SourceDiff {
  const d = emptySourceDiff(source);
  const listed: Record<Kind, number> = { repeated: 0, wrong: 0, missing: 0, unexpected: 0 };
  const say = (kind: Kind, text: string) => {
    if (listed[kind]++ < LISTED_PER_KIND) d.differences.push(text);
  };
  const seen = new Map<string, ActualAggregate>();
  const times = new Map<string, number>();
  for (const a of actual) {
    if (!(a.window_start_ms >= span.firstWindowMs && a.window_start_ms <= span.lastWindowMs)) continue;
    const id = windowId(a.key, a.window_start_ms);
    seen.set(id, a);
    times.set(id, (times.get(id) ?? 0) + 1);
  }
  for (const [id, n] of times) {
    if (n < 2) continue;
    const a = seen.get(id)!;
    d.repeated++;
    d.duplicateEmissions += n - 1;
    d.mismatches++;
    say('repeated', `${windowLabel(a.key, a.window_start_ms, a.window_end_ms)}: emitted ${n} times to the ${source} (once expected)`);
  }
  for (const [id, e] of expected) {
    if (e.uncertain) continue;
    const label = windowLabel(e.key, e.windowStartMs, e.windowEndMs);
    const a = seen.get(id);
    if (a === undefined) {
      d.missing++;
      d.mismatches++;
      if (attributeRecords) d.recordsLost += e.count;
      if (d.missingWindows.length < MAX_LISTED) d.missingWindows.push(label);
      say('missing', `${label}: expected count ${e.count}, the ${source} has no value`);
      continue;
    }
    const wrong = FIELDS.filter(([ours, theirs]) => e[ours] !== a[theirs]);
    if (wrong.length === 0) continue;
    d.mismatches++;
    if (attributeRecords) {
      if (a.count < e.count) d.recordsLost += e.count - a.count;
      else d.recordsDuplicated += a.count - e.count;
    }
    say('wrong', `${label}: ${wrong.map(([ours, theirs]) => `expected ${theirs} ${e[ours]}, ${source} ${a[theirs]}`).join('; ')}`);
  }
  for (const [id, a] of seen) {
    if (expected.has(id)) continue;
    d.unexpected++;
    d.mismatches++;
    if (attributeRecords) d.recordsDuplicated += a.count;
    say(
      'unexpected',
      `${windowLabel(a.key, a.window_start_ms, a.window_end_ms)}: not expected (no record of the run falls in it), ${source} count ${a.count}`,
    );
  }
  return d;
}
