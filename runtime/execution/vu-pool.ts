import type { VU } from '../vu/vu.ts';

/**
 * The thread's initialised VUs. Scenarios borrow VUs and give them back, so VUs are reused
 * across scenarios without re-running init code (k6's rule).
 */
export class VUPool {
  private readonly idle: VU[] = [];
  private created = 0;

  constructor(private readonly create: (idInInstance: number) => VU) {}

  get initialized(): number {
    return this.created;
  }

  /** Initialises VUs until `n` exist. */
  prepare(n: number): void {
    while (this.created < n) this.idle.push(this.make());
  }

  take(n: number): VU[] {
    const out = this.idle.splice(Math.max(0, this.idle.length - n), n);
    while (out.length < n) out.push(this.make());
    return out;
  }

  /** An extra VU for an arrival-rate scenario that ran short (k6: one at a time, up to maxVUs). */
  grow(): VU {
    return this.idle.pop() ?? this.make();
  }

  giveBack(vus: Iterable<VU>): void {
    for (const vu of vus) this.idle.push(vu);
  }

  private make(): VU {
    const vu = this.create(++this.created);
    vu.init();
    return vu;
  }
}
