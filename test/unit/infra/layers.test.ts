import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cycles, layerEdges } from '../../../infra/tools/layers.ts';

const root = '/r/runtime';
const file = (path: string, ...imports: string[]) => ({
  path: `${root}/${path}`,
  text: imports.map((i) => `import { x } from '${i}';`).join('\n'),
});

test('edges join the folders of runtime/, counting imports; same-folder and outside imports are not edges', () => {
  const edges = layerEdges(root, [
    file('run/run-test.ts', '../cli/args.ts', '../metrics/store.ts', './worker-set.ts', '../../lib/env.ts'),
    file('run/worker-set.ts', '../metrics/store.ts'),
    file('cli/main.ts', '../errors.ts'),
  ]);
  assert.deepEqual(
    [...edges],
    [
      ['run -> cli', 1],
      ['run -> metrics', 2],
      ['cli -> errors.ts', 1],
    ],
  );
});

test('type imports, re-exports and dynamic imports count too', () => {
  const edges = layerEdges(root, [
    {
      path: `${root}/a/x.ts`,
      text: "import type { T } from '../b/t.ts';\nexport { y } from '../c/y.ts';\nconst m = () => import('../d/m.ts');",
    },
  ]);
  assert.deepEqual([...edges.keys()], ['a -> b', 'a -> c', 'a -> d']);
});

test('a pair of folders importing each other is a cycle, named once', () => {
  const edges = layerEdges(root, [
    file('cli/args.ts', '../run/x.ts'),
    file('run/x.ts', '../cli/args.ts'),
    file('output/o.ts', '../run/x.ts'),
  ]);
  assert.deepEqual(cycles(edges), ['cli -> run -> cli']);
});

test('a longer loop is a cycle too, named by its shortest loop from its first folder; one-way graphs have none', () => {
  const loop = layerEdges(root, [
    file('modules/k6.ts', '../execution/x.ts'),
    file('execution/x.ts', '../vu/vu.ts'),
    file('vu/vu.ts', '../modules/registry.ts', '../metrics/m.ts'),
    file('worker/w.ts', '../vu/vu.ts'),
  ]);
  assert.deepEqual(cycles(loop), ['execution -> vu -> modules -> execution']);
  const oneWay = layerEdges(root, [
    file('vu/vu.ts', '../modules/registry.ts', '../vu-context/c.ts'),
    file('modules/registry.ts', '../vu-context/c.ts'),
  ]);
  assert.deepEqual(cycles(oneWay), []);
});

test('separate groups of folders each get their cycle', () => {
  const edges = layerEdges(root, [
    file('a/x.ts', '../b/x.ts'),
    file('b/x.ts', '../a/x.ts', '../c/x.ts'),
    file('c/x.ts', '../d/x.ts'),
    file('d/x.ts', '../c/x.ts'),
  ]);
  assert.deepEqual(cycles(edges), ['a -> b -> a', 'c -> d -> c']);
});
