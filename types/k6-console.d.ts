/**
 * k6 provides `console` (log, info, warn, error, debug), but @types/k6 does not declare it and
 * scripts/tsconfig.json leaves out the DOM lib on purpose (k6 has no DOM).
 */
interface K6Console {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

declare var console: K6Console;
