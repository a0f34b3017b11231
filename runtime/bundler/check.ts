/**
 * Checks that bundles can run in real k6: imports only `k6`, `k6/*` or https URLs, no syntax
 * or built-ins that k6's engine (Sobek) lacks (docs/k6-compatibility.md#bundles-for-real-k6), and no Writer
 * `balancer`, which xk6-kafka v2 refuses. A parse at ES2020
 * catches newer syntax; an AST walk catches what ES2020 allows but Sobek does not, and the
 * cheaply detectable built-ins. Instance methods with common names (Set `union`, `transfer`,
 * Uint8Array `toBase64`) are not checked: they cannot be told apart from user methods without types.
 *
 * CLI: `tsx runtime/bundler/check.ts [dir-or-file...]` (default `build/`); exit 1 on any problem.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'acorn';

export interface BundleProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

interface Node {
  type: string;
  start: number;
  [key: string]: unknown;
}

const ALLOWED_IMPORT = /^(k6(\/.*)?|https:\/\/.+)$/;

/** Free identifiers that do not exist in k6: Node globals and built-ins Sobek lacks. */
const MISSING_GLOBALS: Readonly<Record<string, string>> = {
  Buffer: 'a Node global; encode bytes with k6/encoding or xk6-kafka SchemaRegistry.serialize',
  process: 'a Node global; read settings from __ENV',
  require: 'Node module loading; use an ES import of k6, k6/* or a relative file',
  __dirname: 'a Node global',
  __filename: 'a Node global',
  setImmediate: 'a Node global; use k6/timers',
  fetch: 'not in k6; use k6/http',
  WeakRef: 'not supported by Sobek',
  FinalizationRegistry: 'not supported by Sobek',
  SharedArrayBuffer: 'not supported by Sobek',
  Atomics: 'not supported by Sobek',
  Temporal: 'not supported by Sobek',
  ShadowRealm: 'not supported by Sobek',
  Float16Array: 'not supported by Sobek',
  Iterator: 'iterator helpers are not supported by Sobek',
};

/** Static members Sobek lacks, as `Object.member`. */
const MISSING_STATICS = new Set([
  'Object.groupBy',
  'Map.groupBy',
  'Array.fromAsync',
  'Promise.withResolvers',
  'Promise.try',
  'Math.sumPrecise',
  'RegExp.escape',
  'Uint8Array.fromBase64',
  'Uint8Array.fromHex',
]);

const BALANCER_PROBLEM =
  'sets a Writer \'balancer\': xk6-kafka v2 refuses it ("Writer balancer configuration is not supported on the Confluent compatibility path."); ' +
  'remove it: the default partitioner, consistent_random (CRC-32 of the key), keeps each key on one partition';

/** Method names distinctive enough to flag on any receiver. */
const MISSING_METHODS = new Set(['isWellFormed', 'toWellFormed']);

/** Checks one bundle's source; `file` only labels the problems. */
export function checkBundle(code: string, file: string): BundleProblem[] {
  let ast: Node;
  try {
    ast = parse(code, { ecmaVersion: 2020, sourceType: 'module', locations: false }) as unknown as Node;
  } catch (err) {
    const e = err as SyntaxError & { loc?: { line: number; column: number } };
    const message = e.message.replace(/\s*\(\d+:\d+\)$/, '');
    return [
      {
        file,
        line: e.loc?.line ?? 0,
        column: (e.loc?.column ?? 0) + 1,
        message: `syntax newer than ES2020, which k6's engine may not run: ${message}`,
      },
    ];
  }
  const lines = lineStarts(code);
  const problems: BundleProblem[] = [];
  const report = (node: Node, message: string) => {
    const { line, column } = position(lines, node.start);
    problems.push({ file, line, column, message });
  };
  const declared = declaredNames(ast);
  walk(ast, undefined, undefined, (node, parent, key) => checkNode(node, parent, key, declared, report));
  if (importsKafka(ast)) walk(ast, undefined, undefined, (node) => checkBalancer(node, report));
  return problems;
}

function checkNode(
  node: Node,
  parent: Node | undefined,
  key: string | undefined,
  declared: Set<string>,
  report: (node: Node, message: string) => void,
): void {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression': {
      const source = node.source as Node | null | undefined;
      if (source?.type === 'Literal' && typeof source.value === 'string' && !ALLOWED_IMPORT.test(source.value)) {
        report(
          source,
          `imports '${source.value}': k6 bundles may import only 'k6', 'k6/*' or https URLs (bundle it, or use a k6 module instead)`,
        );
      }
      return;
    }
    case 'ForOfStatement':
      if (node.await) report(node, "uses 'for await': k6's engine has no async iteration (build with supported {'for-await': false})");
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      if (node.async && node.generator) report(node, "uses an async generator ('async function*'): not supported by k6's engine");
      return;
    case 'Literal':
      if (node.regex) checkRegex(node, (node.regex as { pattern: string }).pattern, (node.regex as { flags: string }).flags, report);
      return;
    case 'NewExpression':
    case 'CallExpression': {
      const callee = node.callee as Node;
      const args = node.arguments as Node[];
      if (callee.type === 'Identifier' && callee.name === 'RegExp' && !declared.has('RegExp')) {
        const [pattern, flags] = args.map((a) => (a?.type === 'Literal' && typeof a.value === 'string' ? a.value : undefined));
        if (pattern !== undefined) checkRegex(node, pattern, flags ?? '', report);
      }
      if (callee.type === 'Identifier' && callee.name === 'require' && !declared.has('require')) {
        const arg = args[0];
        const what = arg?.type === 'Literal' ? `require('${String(arg.value)}')` : 'require()';
        report(node, `calls ${what}: k6 bundles may import only 'k6', 'k6/*' or https URLs, as ES imports`);
      }
      return;
    }
    case 'MemberExpression': {
      const object = node.object as Node;
      const property = node.property as Node;
      if (node.computed || property.type !== 'Identifier') return;
      const name = property.name as string;
      if (object.type === 'Identifier' && MISSING_STATICS.has(`${object.name}.${name}`) && !declared.has(object.name as string)) {
        report(node, `uses ${object.name}.${name}: not supported by k6's engine`);
      } else if (MISSING_METHODS.has(name)) {
        report(node, `uses .${name}(): not supported by k6's engine`);
      }
      return;
    }
    case 'Identifier': {
      const name = node.name as string;
      if (name === 'require' && parent?.type === 'CallExpression' && key === 'callee') return; // reported above
      if (name in MISSING_GLOBALS && !declared.has(name) && isReference(parent, key)) {
        report(node, `uses ${name}: ${MISSING_GLOBALS[name]}`);
      }
      return;
    }
  }
}

function importsKafka(ast: Node): boolean {
  return (ast.body as Node[]).some((n) => n.type === 'ImportDeclaration' && (n.source as Node).value === 'k6/x/kafka');
}

/** `{ balancer: … }` or `config.balancer = …` in a bundle that uses k6/x/kafka. */
function checkBalancer(node: Node, report: (node: Node, message: string) => void): void {
  const named = (key: Node, computed: unknown) =>
    (!computed && key.type === 'Identifier' && key.name === 'balancer') || (key.type === 'Literal' && key.value === 'balancer');
  if (node.type === 'Property' && named(node.key as Node, node.computed)) report(node, BALANCER_PROBLEM);
  if (node.type === 'AssignmentExpression') {
    const left = node.left as Node;
    if (left.type === 'MemberExpression' && named(left.property as Node, left.computed)) report(node, BALANCER_PROBLEM);
  }
}

function checkRegex(node: Node, pattern: string, flags: string, report: (node: Node, message: string) => void): void {
  for (const flag of ['d', 'v']) {
    if (flags.includes(flag)) report(node, `uses the regular-expression flag '${flag}': not supported by k6's engine`);
  }
  if (/\\[pP]\{/.test(pattern)) {
    report(
      node,
      "uses a Unicode property escape (\\p{…}) in a regular expression: not supported by k6's engine (esbuild does not polyfill it)",
    );
  }
}

/** Whether an Identifier in this position reads a variable (not a property name, label or key). */
function isReference(parent: Node | undefined, key: string | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'object' || parent.computed === true;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'value' || (key === 'key' && parent.computed === true);
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
      return false;
    default:
      return true;
  }
}

/**
 * Every name the file declares anywhere (variables, functions, classes, parameters, imports).
 * Scope-free on purpose: a bundle that declares `process` somewhere is not flagged for it.
 */
function declaredNames(ast: Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (p: Node | null | undefined): void => {
    if (!p) return;
    switch (p.type) {
      case 'Identifier':
        names.add(p.name as string);
        break;
      case 'ObjectPattern':
        for (const prop of p.properties as Node[]) addPattern((prop.type === 'RestElement' ? prop.argument : prop.value) as Node);
        break;
      case 'ArrayPattern':
        for (const el of p.elements as (Node | null)[]) addPattern(el);
        break;
      case 'RestElement':
        addPattern(p.argument as Node);
        break;
      case 'AssignmentPattern':
        addPattern(p.left as Node);
        break;
    }
  };
  walk(ast, undefined, undefined, (node) => {
    switch (node.type) {
      case 'VariableDeclarator':
        addPattern(node.id as Node);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        addPattern(node.id as Node | null);
        for (const p of node.params as Node[]) addPattern(p);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        addPattern(node.id as Node | null);
        break;
      case 'CatchClause':
        addPattern(node.param as Node | null);
        break;
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        addPattern(node.local as Node);
        break;
    }
  });
  return names;
}

function walk(
  node: Node,
  parent: Node | undefined,
  key: string | undefined,
  visit: (node: Node, parent: Node | undefined, key: string | undefined) => void,
): void {
  visit(node, parent, key);
  for (const k of Object.keys(node)) {
    const child = node[k];
    if (Array.isArray(child)) {
      for (const c of child) if (isNode(c)) walk(c, node, k, visit);
    } else if (isNode(child)) {
      walk(child, node, k, visit);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

export function formatProblem(p: BundleProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Checks every `.js`/`.mjs` bundle in the given files and directories (not recursive). */
export async function checkBundleFiles(paths: string[]): Promise<BundleProblem[]> {
  const files: string[] = [];
  for (const p of paths) {
    if ((await stat(p)).isDirectory()) {
      for (const name of (await readdir(p)).sort()) if (/\.m?js$/.test(name)) files.push(join(p, name));
    } else {
      files.push(p);
    }
  }
  const problems: BundleProblem[] = [];
  for (const f of files) problems.push(...checkBundle(await readFile(f, 'utf8'), relative(process.cwd(), f) || f));
  return problems;
}

async function main(args: string[]): Promise<number> {
  const paths = args.length > 0 ? args : ['build'];
  let problems: BundleProblem[];
  try {
    problems = await checkBundleFiles(paths);
  } catch (err) {
    console.error(`check:bundles: ${(err as Error).message} (run \`npm run build\` first)`);
    return 1;
  }
  for (const p of problems) console.error(formatProblem(p));
  if (problems.length > 0) {
    console.error(`check:bundles: ${problems.length} problem(s); these bundles would fail in real k6`);
    return 1;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
