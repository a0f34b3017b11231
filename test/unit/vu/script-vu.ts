/** A real VU on a real ThreadState whose script is a function: for unit tests of vu/ without a script file. */
import type { InitGlobals, ScriptFactory } from '../../../runtime/loader/compile.ts';
import type { ConsolidatedOptions } from '../../../runtime/options/types.ts';
import { VU } from '../../../runtime/vu/vu.ts';
import { ThreadState } from '../../../runtime/vu/thread-state.ts';

export interface ScriptVU {
  vu: VU;
  host: ThreadState;
  /** one-time warnings (host.warnOnce) */
  warnings: string[];
  /** what the host passed on: `abort <code> <reason>`, `fail <reason>` */
  events: string[];
  /** log lines: `<level> <message>` */
  logs: string[];
}

export interface ScriptVUOptions {
  options?: Partial<ConsolidatedOptions>;
  baseEnv?: Record<string, string>;
  scriptPath?: string;
  id?: number;
}

/** A VU (its init context run) whose script is `body(globals)`, on a host that records what it is told. */
export function vuOf(body: (g: InitGlobals) => Record<string, unknown>, opts: ScriptVUOptions = {}): ScriptVU {
  const warnings: string[] = [];
  const events: string[] = [];
  const logs: string[] = [];
  const factory: ScriptFactory = (g) => ({ exports: body(g), setIter() {} });
  const log = Object.fromEntries(
    ['debug', 'info', 'warn', 'error'].map((level) => [level, (m: string) => void logs.push(`${level} ${m}`)]),
  );
  const host = new ThreadState(
    opts.scriptPath ?? '/tmp/script.js',
    factory,
    (s) => s,
    log as unknown as ThreadState['log'],
    opts.baseEnv ?? {},
    opts.options as ConsolidatedOptions | undefined,
    {
      abort: (reason, code) => void events.push(`abort ${code} ${reason}`),
      fail: (reason) => void events.push(`fail ${reason}`),
      warnOnce: (_key, message) => void warnings.push(message),
    },
  );
  const vu = new VU(host, opts.id ?? 1, opts.id ?? 1);
  vu.init();
  return { vu, host, warnings, events, logs };
}
