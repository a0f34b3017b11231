/** FIFO of fetched record batches; records are decoded only when taken. */
import { readRecords, type DecodedRecord, type RecordBatchRef } from './record-batch-decoder.ts';

export class RecordStream {
  private batches: RecordBatchRef[] = [];
  private head = 0;
  private count = 0;

  /** buffered records (may count a few before a batch's fromOffset that take() will skip) */
  get length(): number {
    return this.count;
  }

  push(batches: readonly RecordBatchRef[]): void {
    for (const b of batches) {
      this.batches.push(b);
      this.count += b.remaining;
    }
  }

  /** drops everything buffered (after a rebalance the group resumes from its committed offsets) */
  clear(): void {
    this.batches = [];
    this.head = 0;
    this.count = 0;
  }

  take(max: number): DecodedRecord[] {
    const out: DecodedRecord[] = [];
    while (out.length < max && this.head < this.batches.length) {
      const batch = this.batches[this.head];
      const before = batch.remaining;
      readRecords(batch, max - out.length, out);
      this.count -= before - batch.remaining;
      if (batch.remaining === 0) this.batches[this.head++] = undefined as never; // release the response buffer
    }
    if (this.head === this.batches.length) {
      this.batches = [];
      this.head = 0;
    }
    return out;
  }
}
