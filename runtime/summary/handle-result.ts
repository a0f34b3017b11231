/**
 * What to write after handleSummary() (docs/k6-compatibility.md#end-of-test-summary): its returned map, key `stdout`/`stderr` or a file
 * path ⇒ string / ArrayBuffer / typed array. A falsy return means the default text summary on stdout;
 * `{}` means nothing. `--summary-export` is added on top. Writing is the caller's job.
 */
import { ExitCode, StreamprobeError } from '../errors.ts';

export interface SummaryOutput {
  target: 'stdout' | 'stderr' | 'file';
  /** set for target 'file'; relative paths are the caller's to resolve */
  path?: string;
  content: Uint8Array | string;
}

export interface SummaryResultOptions {
  /** the default text summary (without the surrounding newlines), rendered only when needed */
  defaultText: () => string;
  /** `--summary-export`: written as well, replacing a same-named key of the returned map */
  summaryExport?: { path: string; content: () => string };
}

export function resolveSummaryResult(returned: unknown, options: SummaryResultOptions): SummaryOutput[] {
  const contents = new Map<string, Uint8Array | string>();
  if (!returned) {
    contents.set('stdout', `\n${options.defaultText()}\n\n`);
  } else {
    if (typeof returned !== 'object' || Array.isArray(returned)) {
      throw new StreamprobeError(
        'handleSummary() should return a map with string keys ' +
          '(e.g. { stdout: textSummary(data), "summary.json": JSON.stringify(data) })',
        ExitCode.ScriptException,
      );
    }
    for (const [key, value] of Object.entries(returned)) contents.set(key, summaryContent(key, value));
  }
  if (options.summaryExport) contents.set(options.summaryExport.path, options.summaryExport.content());
  return [...contents].map(([key, content]) =>
    key === 'stdout' || key === 'stderr' ? { target: key, content } : { target: 'file', path: key, content },
  );
}

function summaryContent(key: string, value: unknown): Uint8Array | string {
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  // toString tag, not instanceof: the script's ArrayBuffer may come from another realm (vm context).
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
    return new Uint8Array(value as ArrayBuffer);
  }
  throw new StreamprobeError(
    `handleSummary() returned an invalid value for "${key}": ${describe(value)}; ` + 'expected a string, an ArrayBuffer or a typed array',
    ExitCode.ScriptException,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}
