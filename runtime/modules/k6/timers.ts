/** `k6/timers`: the same per-VU timers the script also gets as globals. */
import type { CoreModuleVU } from '../../vu-context/core-module-vu.ts';

export default function timersModule(vu: CoreModuleVU): Record<string, unknown> {
  return { ...vu.timerFunctions() };
}
