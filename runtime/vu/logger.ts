import type { Logger } from '../vu-context/context.ts';

/**
 * Logs to stderr like k6 (`level=… msg=…` is k6's logfmt; we keep a readable prefix), and
 * throttles floods: an error repeated 150,000 times a second must not stall the run.
 */
export function createLogger(opts: { verbose: boolean; prefix?: string; write?: (line: string) => void }): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const perSecond = 20;
  let windowStart = 0;
  let inWindow = 0;
  let suppressed = 0;
  const emit = (level: string, msg: string) => {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      if (suppressed > 0) write(`WARN  ${suppressed} log lines suppressed in the last second`);
      windowStart = now;
      inWindow = 0;
      suppressed = 0;
    }
    if (++inWindow > perSecond) {
      suppressed++;
      return;
    }
    write(`${level.padEnd(5)} ${opts.prefix ?? ''}${msg}`);
  };
  return {
    debug: (m) => opts.verbose && emit('DEBUG', m),
    info: (m) => emit('INFO', m),
    warn: (m) => emit('WARN', m),
    error: (m) => emit('ERROR', m),
  };
}
