import { format } from 'node:util';
import type { Logger } from '../vu-context/context.ts';

/** The script's `console`: log lines on stderr like k6's (`source=console`), never mixed into stdout. */
export function scriptConsole(log: Logger): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const line = (args: unknown[]) => `${format(...args)} source=console`;
  return {
    log: (...a: unknown[]) => log.info(line(a)),
    info: (...a: unknown[]) => log.info(line(a)),
    warn: (...a: unknown[]) => log.warn(line(a)),
    error: (...a: unknown[]) => log.error(line(a)),
    debug: (...a: unknown[]) => log.debug(line(a)),
  };
}
