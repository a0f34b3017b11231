import type { VU } from '../vu/vu.ts';

export function requireInit(vu: VU, what: string): void {
  if (vu.phase !== 'init') throw new Error(`${what} must be called in the init context`);
}

export function forbidInit(vu: VU, what: string): void {
  if (vu.phase === 'init') throw new Error(`${what} is not supported in the init context`);
}
