/** Rewrites stack frames of bundled code to the user's own file and line. */
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptBundle } from './bundle.ts';

/** frames inside the runtime are noise to a script author */
const runtimeDir = fileURLToPath(new URL('..', import.meta.url));

export type StackMapper = (stack: string) => string;

export function stackMapper(bundle: ScriptBundle): StackMapper {
  if (!bundle.sourceMap) return (s) => s;
  const map = new SourceMap(JSON.parse(bundle.sourceMap));
  const dir = path.dirname(bundle.filename);
  const escaped = bundle.filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g');
  return (stack) =>
    stack.replace(frame, (whole, line: string, col: string) => {
      const entry = map.findEntry(Number(line) - 1, Number(col) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (!entry?.originalSource) return whole;
      const source = entry.originalSource.startsWith('file://') ? new URL(entry.originalSource).pathname : path.resolve(dir, entry.originalSource);
      return `${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
    });
}

/** An error as a user should see it: the message and only the stack frames in their own files. */
export function describeError(err: unknown, mapStack: StackMapper, scriptPath: string): string {
  if (!(err instanceof Error)) return String(err);
  const stack = err.stack ? mapStack(err.stack) : `${err.name}: ${err.message}`;
  const lines = stack.split('\n');
  const user = lines.filter((line, i) => i === 0 || (/\(?\//.test(line) && !line.includes(runtimeDir) && !line.includes('node_modules') && !line.includes('(node:')));
  return (user.length > 1 ? user : lines.slice(0, 2)).join('\n');
}
