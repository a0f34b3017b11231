/** Order statistics shared by the library's reports. */

/** The median (the upper one of an even count); NaN for no values. Does not reorder `values`. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
