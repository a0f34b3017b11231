/**
 * The group/check tree of the end-of-test summary (docs/k6-compatibility.md#metrics-checks-and-groups; `root_group` of the summary data).
 * Paths: root group "", nested `::a::b`; a check's path is `<groupPath>::<checkName>`; ids are hex MD5
 * of the path. Children keep the order of first use. Snapshots are plain data (structured-clone safe),
 * so worker threads ship deltas and the main thread merges them.
 */
import { createHash } from 'node:crypto';

export const GROUP_SEPARATOR = '::';
export const ROOT_GROUP_PATH = '';

export interface CheckSnapshot {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface GroupSnapshot {
  name: string;
  path: string;
  id: string;
  groups: GroupSnapshot[];
  checks: CheckSnapshot[];
}

/** k6's group/check id: hex MD5 of the path. */
export function pathId(path: string): string {
  return createHash('md5').update(path).digest('hex');
}

export function checkPath(groupPath: string, checkName: string): string {
  return `${groupPath}${GROUP_SEPARATOR}${checkName}`;
}

/** Group names along a path: "" ⇒ [], "::a::b" ⇒ ["a", "b"]. */
export function groupNames(path: string): string[] {
  if (path === ROOT_GROUP_PATH) return [];
  if (!path.startsWith(GROUP_SEPARATOR)) {
    throw new Error(`group path "${path}" must be "" or start with "${GROUP_SEPARATOR}"`);
  }
  return path.slice(GROUP_SEPARATOR.length).split(GROUP_SEPARATOR);
}

class GroupNode {
  readonly id: string;
  readonly groups = new Map<string, GroupNode>();
  readonly checks = new Map<string, CheckSnapshot>();

  constructor(
    readonly name: string,
    readonly path: string,
  ) {
    this.id = pathId(path);
  }

  child(name: string): GroupNode {
    let node = this.groups.get(name);
    if (!node) {
      node = new GroupNode(name, `${this.path}${GROUP_SEPARATOR}${name}`);
      this.groups.set(name, node);
    }
    return node;
  }

  check(name: string): CheckSnapshot {
    let check = this.checks.get(name);
    if (!check) {
      const path = checkPath(this.path, name);
      check = { name, path, id: pathId(path), passes: 0, fails: 0 };
      this.checks.set(name, check);
    }
    return check;
  }

  snapshot(reset: boolean): GroupSnapshot {
    const checks = [...this.checks.values()].map((c) => ({ ...c }));
    if (reset) for (const c of this.checks.values()) c.passes = c.fails = 0;
    return {
      name: this.name,
      path: this.path,
      id: this.id,
      groups: [...this.groups.values()].map((g) => g.snapshot(reset)),
      checks,
    };
  }

  merge(snapshot: GroupSnapshot): void {
    for (const c of snapshot.checks) {
      const check = this.check(c.name);
      check.passes += c.passes;
      check.fails += c.fails;
    }
    for (const g of snapshot.groups) this.child(g.name).merge(g);
  }
}

export class GroupTree {
  private readonly root = new GroupNode('', ROOT_GROUP_PATH);

  /** The group at `path`, creating it (and its parents) on first use. */
  ensureGroup(path: string): void {
    this.node(path);
  }

  recordCheck(groupPath: string, name: string, passed: boolean): void {
    const check = this.node(groupPath).check(name);
    if (passed) check.passes++;
    else check.fails++;
  }

  /** The whole tree with cumulative counts. */
  snapshot(): GroupSnapshot {
    return this.root.snapshot(false);
  }

  /**
   * The tree with the counts recorded since the previous call, then zeroes them. Structure is kept
   * (zero-count entries included), so merging deltas in arrival order preserves first-use order.
   */
  takeDelta(): GroupSnapshot {
    return this.root.snapshot(true);
  }

  /** Adds the counts of a snapshot or delta (e.g. from a worker thread). */
  merge(snapshot: GroupSnapshot): void {
    this.root.merge(snapshot);
  }

  private node(path: string): GroupNode {
    let node = this.root;
    for (const name of groupNames(path)) node = node.child(name);
    return node;
  }
}
