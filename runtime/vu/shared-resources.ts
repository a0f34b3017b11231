import type { SharedResources } from './context.ts';

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

  async closeAll(): Promise<void> {
    const items = [...this.items.values()];
    this.items.clear();
    await Promise.allSettled(items.map(async (i) => i.close?.(i.value)));
  }
}
