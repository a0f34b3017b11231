// Moved to executors/segment.ts (the segment math belongs to the plans). Kept only for the execution drivers,
// worker/worker-main.ts and run/run-test.ts, which in-flight branches change: point them there, then delete this file.
export * from '../executors/segment.ts';
