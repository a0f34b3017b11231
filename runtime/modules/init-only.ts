import type { CoreModuleVU } from '../vu-context/core-module-vu.ts';

export function requireInit(vu: CoreModuleVU, what: string): void {
  if (vu.phase !== 'init') throw new Error(`${what} must be called in the init context`);
}

export function forbidInit(vu: CoreModuleVU, what: string): void {
  if (vu.phase === 'init') throw new Error(`${what} is not supported in the init context`);
}
