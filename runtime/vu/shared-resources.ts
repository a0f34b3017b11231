import { settlesWithin } from '../timing/settles-within.ts';
import type { SharedResources } from '../vu-context/context.ts';

/** How long a thread's end waits for its clients to close before it goes on without them. */
export const CLOSE_GRACE_MS = 2000;

/** Per-thread pool of resources (e.g. one Kafka producer per writer configuration). */
export class SharedResourcePool implements SharedResources {
  private readonly items = new Map<string, { value: unknown; close?: (v: any) => void | Promise<void> }>();

  get<T>(key: string, create: () => T, close?: (value: T) => void | Promise<void>): T {
    let item = this.items.get(key);
    if (!item) {
      item = { value: create(), close };
      this.items.set(key, item);
    }
    return item.value as T;
  }

  /**
   * Closes everything, waiting at most `graceMs` (a client stuck on an unreachable broker must not hold the run
   * open); false when something was still closing then.
   */
  async closeAll(graceMs: number): Promise<boolean> {
    const items = [...this.items.values()];
    this.items.clear();
    return settlesWithin(Promise.allSettled(items.map(async (i) => i.close?.(i.value))), graceMs);
  }
}
