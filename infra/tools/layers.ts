// Lists the imports between the folders of runtime/ and fails when folders import each other, directly or round a
// longer loop: dependencies must run one way (a cycle means no folder on it can be read or tested without the others).
// Usage: tsx infra/tools/layers.ts [--graph]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * The import cycles between layers: one per group of layers that all reach each other, named by a shortest loop
 * from the group's first layer, e.g. `cli -> run -> cli` or `a -> b -> c -> a`.
 */
export function cycles(edges: ReadonlyMap<string, number>): string[] {
  const next = new Map<string, string[]>();
  for (const edge of edges.keys()) {
    const [from, to] = edge.split(' -> ') as [string, string];
    next.set(from, [...(next.get(from) ?? []), to].sort());
    if (!next.has(to)) next.set(to, []);
  }
  const found: string[] = [];
  const named = new Set<string>();
  for (const start of [...next.keys()].sort()) {
    if (named.has(start)) continue;
    const loop = shortestLoop(start, next);
    if (!loop) continue;
    // every layer that reaches `start` and is reached from it is in this group: name the group once
    const from = reachable(start, next);
    for (const layer of from) if (reachable(layer, next).has(start)) named.add(layer);
    found.push(loop.join(' -> '));
  }
  return found;
}

/** Breadth first: the shortest path from `start` back to itself, or undefined. */
function shortestLoop(start: string, next: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const to of next.get(at) ?? []) {
      if (to === start) {
        const path = [at];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, at);
      queue.push(to);
    }
  }
  return undefined;
}

function reachable(start: string, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    for (const to of next.get(stack.pop()!) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      stack.push(to);
    }
  }
  return seen;
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
  for (const c of found) console.error(`layers: folders of runtime/ import each other: ${c} — make the dependency run one way`);
  if (found.length > 0) process.exitCode = 1;
}
