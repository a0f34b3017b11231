/** Rewrites stack frames of bundled code to the user's own file and line. */
import { SourceMap } from 'node:module';
import path from 'node:path';
import type { ScriptBundle } from './bundle.ts';

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

/** First user-code location in a mapped stack, for one-line error messages. */
export function firstUserFrame(stack: string, scriptDir: string): string | undefined {
  for (const line of stack.split('\n')) {
    const m = /\(?((?:\/|[A-Za-z]:)[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (m && m[1]!.startsWith(scriptDir) && !m[1]!.includes('node_modules')) return `${m[1]}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
