/** The percentiles that trend-stat names ask for: `["avg", "p(90)", "p(99.9)"]` → `[90, 99.9]`. */
export function percentilesOf(stats: readonly string[]): number[] {
  return stats.flatMap((s) => {
    const m = /^p\((.+)\)$/.exec(s);
    return m ? [Number(m[1])] : [];
  });
}
