/**
 * The input topic read back as the ledger of what entered the pipeline: every acknowledged
 * (generator, sequence) present exactly once, and each generator's records in sequence order within
 * a partition (so per key, since a key always maps to one partition). Bounded memory: per generator
 * a SeqRanges, per (generator, partition) the last sequence number.
 */
import { SeqRanges } from './seq-ranges.ts';

export interface LedgerProblem {
  kind: 'duplicate' | 'out_of_order' | 'lost';
  text: string;
}

/** how many problems of each kind are kept for the verdict (all are counted) */
const KEEP_PER_KIND = 5;

const at = (partition: number, offset: number): string => `partition ${partition} offset ${offset}`;

interface Generator {
  seqs: SeqRanges;
  /** the last sequence number read per partition */
  lastInPartition: number[];
}

export class Ledger {
  private readonly gens = new Map<string, Generator>();
  duplicates = 0;
  outOfOrder = 0;
  readonly problems: LedgerProblem[] = [];
  private readonly kept = { duplicate: 0, out_of_order: 0, lost: 0 };

  /** Records one ledger record, read at `offset` of `partition`; false when (generator, seq) was seen before. */
  add(generatorId: string, seq: number, partition: number, offset: number): boolean {
    let gen = this.gens.get(generatorId);
    if (gen === undefined) this.gens.set(generatorId, (gen = { seqs: new SeqRanges(), lastInPartition: [] }));
    if (!gen.seqs.add(seq)) {
      this.duplicates++;
      this.note('duplicate', `record ${generatorId}#${seq} is in the input topic more than once (again at ${at(partition, offset)})`);
      return false;
    }
    const last = gen.lastInPartition[partition];
    if (last !== undefined && seq < last) {
      this.outOfOrder++;
      this.note('out_of_order', `record ${generatorId}#${seq} comes after ${generatorId}#${last} in ${at(partition, offset)}`);
    } else {
      gen.lastInPartition[partition] = seq;
    }
    return true;
  }

  /** records seen once or more */
  get records(): number {
    let n = 0;
    for (const g of this.gens.values()) n += g.seqs.size;
    return n;
  }

  get generators(): number {
    return this.gens.size;
  }

  /**
   * Sequence numbers missing below each generator's largest: acknowledged records that are not in the
   * input topic. (A generator's last records cannot be told missing: nothing after them names them.)
   */
  lost(): number {
    let n = 0;
    for (const [gen, { seqs }] of this.gens) {
      for (const [from, to] of seqs.gaps()) {
        n += to - from + 1;
        this.note(
          'lost',
          from === to
            ? `record ${gen}#${from} is missing from the input topic`
            : `records ${gen}#${from}–${to} are missing from the input topic`,
        );
      }
    }
    return n;
  }

  private note(kind: LedgerProblem['kind'], text: string): void {
    if (this.kept[kind]++ < KEEP_PER_KIND) this.problems.push({ kind, text });
  }
}
