/** Rewrites stack frames of bundled code to the user's own file and line. */
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptBundle } from './bundle.ts';

/** frames inside the runtime are noise to a script author */
const runtimeDir = fileURLToPath(new URL('..', import.meta.url));

export type StackMapper = (stack: string) => string;

interface SourcePosition {
  /** absolute path */
  source: string;
  /** 1-based */
  line: number;
  column: number;
}

/** Frames of the bundle in a stack, and where each came from in the user's files. */
function bundleFrames(
  bundle: ScriptBundle,
): { frame: RegExp; locate: (line: string, col: string) => SourcePosition | undefined } | undefined {
  if (!bundle.sourceMap) return undefined;
  const map = new SourceMap(JSON.parse(bundle.sourceMap));
  const dir = path.dirname(bundle.filename);
  const escaped = bundle.filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g');
  const locate = (line: string, col: string): SourcePosition | undefined => {
    const entry = map.findEntry(Number(line) - 1, Number(col) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (!entry?.originalSource) return undefined;
    const source = entry.originalSource.startsWith('file://')
      ? new URL(entry.originalSource).pathname
      : path.resolve(dir, entry.originalSource);
    return { source, line: entry.originalLine! + 1, column: entry.originalColumn! + 1 };
  };
  return { frame, locate };
}

export function stackMapper(bundle: ScriptBundle): StackMapper {
  const frames = bundleFrames(bundle);
  if (!frames) return (s) => s;
  return (stack) =>
    stack.replace(frames.frame, (whole, line: string, col: string) => {
      const at = frames.locate(line, col);
      return at ? `${at.source}:${at.line}:${at.column}` : whole;
    });
}

/**
 * The folder of the bundled module running at the innermost bundle frame of `stack`: k6 resolves
 * `open()` paths from the module that calls it (docs/k6-compatibility.md#cli-environment-and-files). Undefined when unknown, e.g. code of
 * a prebuilt bundle whose own source map points at files it was built from.
 */
export function callerModuleDir(bundle: ScriptBundle): (stack: string) => string | undefined {
  const frames = bundleFrames(bundle);
  const modules = new Set(bundle.modules);
  return (stack) => {
    if (!frames) return undefined;
    const first = new RegExp(frames.frame.source).exec(stack);
    const at = first ? frames.locate(first[1]!, first[2]!) : undefined;
    return at && modules.has(at.source) ? path.dirname(at.source) : undefined;
  };
}

/** An error as a user should see it: the message and only the stack frames in their own files. */
export function describeError(err: unknown, mapStack: StackMapper, _scriptPath: string): string {
  if (!(err instanceof Error)) return String(err);
  const stack = err.stack ? mapStack(err.stack) : `${err.name}: ${err.message}`;
  const lines = stack.split('\n');
  const user = lines.filter(
    (line, i) =>
      i === 0 || (/\(?\//.test(line) && !line.includes(runtimeDir) && !line.includes('node_modules') && !line.includes('(node:')),
  );
  return (user.length > 1 ? user : lines.slice(0, 2)).join('\n');
}
