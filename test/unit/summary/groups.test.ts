import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GroupTree, checkPath, groupNames, pathId } from '../../../runtime/summary/groups.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

test('ids are the hex MD5 of the path; check paths are <groupPath>::<name>', () => {
  const tree = new GroupTree();
  tree.recordCheck('', 'root check', true);
  tree.recordCheck('::a::b', 'deep check', false);
  const root = tree.snapshot();
  assert.equal(root.path, '');
  assert.equal(root.id, md5(''));
  assert.equal(root.id, 'd41d8cd98f00b204e9800998ecf8427e');
  assert.deepEqual(root.checks[0], {
    name: 'root check',
    path: '::root check',
    id: md5('::root check'),
    passes: 1,
    fails: 0,
  });
  const a = root.groups[0]!;
  const b = a.groups[0]!;
  assert.deepEqual([a.name, a.path, a.id], ['a', '::a', md5('::a')]);
  assert.deepEqual([b.name, b.path, b.id], ['b', '::a::b', md5('::a::b')]);
  assert.deepEqual(b.checks[0], {
    name: 'deep check',
    path: '::a::b::deep check',
    id: md5('::a::b::deep check'),
    passes: 0,
    fails: 1,
  });
  assert.equal(pathId('::a'), md5('::a'));
  assert.equal(checkPath('', 'x'), '::x');
});

test('groups and checks keep the order of first use', () => {
  const tree = new GroupTree();
  tree.ensureGroup('::z');
  tree.recordCheck('', 'second', true);
  tree.ensureGroup('::a');
  tree.recordCheck('', 'first', true);
  tree.recordCheck('', 'second', false);
  tree.ensureGroup('::z');
  const root = tree.snapshot();
  assert.deepEqual(
    root.groups.map((g) => g.name),
    ['z', 'a'],
  );
  assert.deepEqual(
    root.checks.map((c) => [c.name, c.passes, c.fails]),
    [
      ['second', 1, 1],
      ['first', 1, 0],
    ],
  );
});

test('snapshots are plain data that survive structured clone and do not alias the tree', () => {
  const tree = new GroupTree();
  tree.recordCheck('::g', 'ok', true);
  const snap = tree.snapshot();
  assert.deepEqual(structuredClone(snap), snap);
  tree.recordCheck('::g', 'ok', true);
  assert.equal(snap.groups[0]!.checks[0]!.passes, 1);
});

test('worker deltas merge into the main tree: counts add up, structure and order kept', () => {
  const main = new GroupTree();
  const worker1 = new GroupTree();
  const worker2 = new GroupTree();
  worker1.recordCheck('::kafka', 'delivered', true);
  worker2.recordCheck('', 'root', false);
  worker2.recordCheck('::kafka', 'delivered', false);
  worker2.recordCheck('::kafka::inner', 'nested', true);

  main.merge(structuredClone(worker1.takeDelta()));
  main.merge(structuredClone(worker2.takeDelta()));
  worker1.recordCheck('::kafka', 'delivered', true);
  main.merge(structuredClone(worker1.takeDelta()));
  // A delta with nothing new changes nothing.
  main.merge(structuredClone(worker2.takeDelta()));

  const root = main.snapshot();
  assert.deepEqual(
    root.checks.map((c) => [c.name, c.passes, c.fails]),
    [['root', 0, 1]],
  );
  const kafka = root.groups[0]!;
  assert.deepEqual(
    kafka.checks.map((c) => [c.name, c.passes, c.fails]),
    [['delivered', 2, 1]],
  );
  assert.equal(kafka.groups[0]!.path, '::kafka::inner');
  assert.equal(kafka.groups[0]!.checks[0]!.passes, 1);
});

test('takeDelta reports only what happened since the previous call', () => {
  const tree = new GroupTree();
  tree.recordCheck('', 'c', true);
  assert.equal(tree.takeDelta().checks[0]!.passes, 1);
  const empty = tree.takeDelta();
  assert.deepEqual([empty.checks[0]!.passes, empty.checks[0]!.fails], [0, 0]);
  tree.recordCheck('', 'c', false);
  assert.equal(tree.takeDelta().checks[0]!.fails, 1);
});

test('group paths parse into names; a malformed path is rejected', () => {
  assert.deepEqual(groupNames(''), []);
  assert.deepEqual(groupNames('::a::b'), ['a', 'b']);
  assert.throws(() => groupNames('a'), /must be "" or start with "::"/);
});
