// Moved to units/duration.ts (executors must not import options/). Kept only for runtime/run/banner.ts and
// runtime/run/run-test.ts, which in-flight branches change: point them at units/duration.ts, then delete this file.
export { formatDuration, parseDuration } from '../units/duration.ts';
