// Lists the imports between the folders of runtime/ and fails when two folders import each other:
// dependencies must run one way (a cycle means neither folder can be read or tested without the other).
// Usage: tsx infra/tools/layers.ts [--graph]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Cycles that live in files other branches are changing; the lead removes them after the merge. */
export const ALLOWED_CYCLES: ReadonlySet<string> = new Set([
  'cli <-> run', // runtime/run/run-test.ts imports cli/args back: arguments move to main.ts with the exit-path work
  'modules <-> vu', // modules/k6*.ts take the concrete VU class; they move to the VUContext interface after the merge
  'output <-> run', // output/prometheus-rw imports percentilesOf from run/end-of-test.ts: move it to summary/ after the merge
  // come with the fid-exit and classic merges:
  'execution <-> vu', // vu/shared-resources.ts imports settlesWithin from execution/yielder.ts: move the timing helpers below both
  'classic <-> worker', // classic/vu-thread.ts imports LocalHost from worker/thread-host.ts: give LocalHost its own file outside worker/
]);

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The folder of runtime/ a file belongs to (files directly in runtime/ are their own layer, e.g. `errors.ts`). */
export function layerOf(root: string, file: string): string {
  return relative(root, file).split('/')[0]!;
}

/** Import edges between layers, as `from -> to` with how many imports make each one. */
export function layerEdges(root: string, files: Iterable<{ path: string; text: string }>): Map<string, number> {
  const edges = new Map<string, number>();
  for (const { path, text } of files) {
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(path), m[1] ?? m[2]!);
      if (!target.startsWith(root + '/')) continue;
      const from = layerOf(root, path);
      const to = layerOf(root, target);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  return edges;
}

/** Pairs of layers that import each other, as `a <-> b` with a < b. */
export function cycles(edges: ReadonlyMap<string, number>): string[] {
  const found: string[] = [];
  for (const edge of edges.keys()) {
    const [from, to] = edge.split(' -> ') as [string, string];
    if (from < to && edges.has(`${to} -> ${from}`)) found.push(`${from} <-> ${to}`);
  }
  return found.sort();
}

function* sources(dir: string): Generator<{ path: string; text: string }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|mjs|js)$/.test(entry.name)) yield { path, text: readFileSync(path, 'utf8') };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../runtime');
  const edges = layerEdges(root, sources(root));
  if (process.argv.includes('--graph')) {
    for (const [edge, n] of [...edges].sort(([a], [b]) => a.localeCompare(b))) console.log(`${edge}  (${n})`);
  }
  const found = cycles(edges);
  const unexpected = found.filter((c) => !ALLOWED_CYCLES.has(c));
  for (const c of found) console.log(`layers: ${c}${ALLOWED_CYCLES.has(c) ? '  (allowed until the in-flight branches merge)' : ''}`);
  const stale = [...ALLOWED_CYCLES].filter((c) => !found.includes(c));
  for (const c of stale) console.log(`layers: ${c} is not (or no longer) there: remove it from ALLOWED_CYCLES in infra/tools/layers.ts`);
  if (unexpected.length > 0) {
    console.error(`layers: folders of runtime/ import each other: ${unexpected.join(', ')} — make the dependency run one way`);
    process.exitCode = 1;
  }
}
