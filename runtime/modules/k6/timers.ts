/** `k6/timers`: the same per-VU timers the script also gets as globals. */
import type { VU } from '../../vu/vu.ts';

export default function timersModule(vu: VU): Record<string, unknown> {
  return { ...vu.timerFunctions() };
}
