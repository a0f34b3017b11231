/**
 * Classic or async mode (DESIGN.md "Two ways to call"). A script whose iteration functions are
 * plain functions and that makes calls k6 makes blocking (`k6/x/kafka`, `k6/http`, `sleep()`)
 * is a classic k6 script: it uses those calls' values directly, so it runs in classic mode.
 */
import { parse } from 'acorn';
import { ConfigError } from '../errors.ts';

export type RunMode = 'classic' | 'async';
export type ModeFlag = RunMode | 'auto';

/** Modules whose calls block in k6 and return promises in async mode. */
export const BLOCKING_MODULES = ['k6/x/kafka', 'k6/http'] as const;

/** Exports that are not iteration functions (handleSummary may be async in either style). */
const NOT_ITERATION = new Set(['options', 'handleSummary']);

interface Node {
  type: string;
  [key: string]: any;
}

export function parseModeFlag(value: string, what: string): ModeFlag {
  if (value === 'classic' || value === 'async' || value === 'auto') return value;
  throw new ConfigError(`${what} must be classic, async or auto, got "${value}"`);
}

/** k6's `sleep` as esbuild's CommonJS output calls it: `(0, import_k6.sleep)(…)` or `k6.sleep(…)` */
const K6_SLEEP = /\.sleep\)?\(/;

/** Whether the script makes a call that blocks in k6: a blocking module, or `sleep()` from `k6`. */
export function requiresBlockingModule(code: string): boolean {
  return BLOCKING_MODULES.some((m) => code.includes(`require("${m}")`)) || (code.includes('require("k6")') && K6_SLEEP.test(code));
}

/**
 * Before any init code runs (the options pass already needs the right modules): reads the
 * bundle's exported functions from esbuild's CommonJS output. undefined when an export is
 * defined elsewhere than at the top level (re-exported), so this cannot tell.
 */
export function exportedAsyncness(code: string): Map<string, boolean> | undefined {
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as unknown as Node;
  } catch {
    return undefined;
  }
  const functions = new Map<string, boolean>();
  let exported: Map<string, string> | undefined;
  for (const stmt of program.body as Node[]) {
    if (stmt.type === 'FunctionDeclaration') functions.set(stmt.id.name, Boolean(stmt.async));
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations as Node[]) {
        const init = d.init as Node | null;
        if (d.id.type === 'Identifier' && init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
          functions.set(d.id.name, Boolean(init.async));
        }
      }
    }
    const call = stmt.type === 'ExpressionStatement' ? (stmt.expression as Node) : undefined;
    if (call?.type === 'CallExpression' && call.callee.name === '__export' && call.arguments[1]?.type === 'ObjectExpression') {
      exported = new Map();
      for (const p of call.arguments[1].properties as Node[]) {
        const name = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
        if (p.value.body?.type === 'Identifier') exported.set(name, p.value.body.name);
      }
    }
  }
  if (!exported) return new Map();
  const out = new Map<string, boolean>();
  for (const [name, local] of exported) {
    if (NOT_ITERATION.has(name)) continue;
    const isAsync = functions.get(local);
    if (isAsync !== undefined) out.set(name, isAsync);
  }
  return out;
}

/** The mode from the bundle alone, for the options pass. */
export function modeFromBundle(flag: ModeFlag, code: string): RunMode {
  if (flag !== 'auto') return flag;
  if (!requiresBlockingModule(code)) return 'async';
  const functions = exportedAsyncness(code);
  if (!functions || functions.size === 0) return 'async';
  return [...functions.values()].some(Boolean) ? 'async' : 'classic';
}

function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor?.name === 'AsyncFunction';
}

/**
 * The mode from the script's real exports after the options pass: its iteration functions are
 * default, every scenario's exec, setup and teardown.
 */
export function modeFromExports(flag: ModeFlag, code: string, exports: Record<string, unknown>, execs: readonly string[]): RunMode {
  if (flag !== 'auto') return flag;
  if (!requiresBlockingModule(code)) return 'async';
  const names = new Set(['default', 'setup', 'teardown', ...execs]);
  const fns = [...names].map((n) => exports[n]).filter((f) => typeof f === 'function');
  if (fns.length === 0) return 'async';
  return fns.some(isAsyncFunction) ? 'async' : 'classic';
}
