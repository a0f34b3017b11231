/**
 * Reference-counted clients shared by the VUs of one worker thread: equal configuration ⇒ one
 * client; the last release closes it, and the worker's end closes whatever is left.
 */
import type { VUContext } from '../../../../vu-context/context.ts';

interface Entry {
  value: unknown;
  refs: number;
  close: () => Promise<void>;
}

export class ClientPool {
  private readonly entries = new Map<string, Entry>();
  private owned = 0;

  acquire<T>(key: string, create: () => T, close: (value: T) => Promise<void>): T {
    let entry = this.entries.get(key);
    if (!entry) {
      const value = create();
      entry = { value, refs: 0, close: () => close(value) };
      this.entries.set(key, entry);
    }
    entry.refs++;
    return entry.value as T;
  }

  /** A client of one VU's own (a Reader): `close` runs when its owner releases it, or at the thread's end. */
  adopt(close: () => Promise<void>): () => Promise<void> {
    const key = `owned:${++this.owned}`;
    this.entries.set(key, { value: undefined, refs: 1, close });
    return () => this.release(key);
  }

  async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || --entry.refs > 0) return;
    this.entries.delete(key);
    await entry.close();
  }

  async closeAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(entries.map((e) => e.close()));
  }
}

export function clientPool(vu: VUContext): ClientPool {
  return vu.shared.get(
    'k6/x/kafka:clients',
    () => new ClientPool(),
    (pool) => pool.closeAll(),
  );
}
