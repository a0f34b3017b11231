import type { Tags } from './metric.ts';

/** Canonical key of a tag set: independent of insertion order, unambiguous for any strings. */
export function tagSetKey(tags: Tags): string {
  const names = Object.keys(tags);
  if (names.length === 0) return '';
  names.sort();
  const pairs: string[] = [];
  for (const name of names) pairs.push(name, tags[name]!);
  return JSON.stringify(pairs);
}

/** A sub-metric selector matches a series when every filter pair is among the series' tags. */
export function tagsMatch(tags: Tags, filter: Tags | undefined): boolean {
  if (filter === undefined) return true;
  for (const name in filter) {
    if (tags[name] !== filter[name]) return false;
  }
  return true;
}
