/** Go's time.RFC3339 / RFC3339Nano formatting in UTC, for consumed message times. */
export function formatRfc3339(ms: number, nanoPrecision: boolean): string {
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const seconds = iso.slice(0, 19);
  if (!nanoPrecision) return `${seconds}Z`;
  const fraction = iso.slice(20, 23).replace(/0+$/, ''); // Go trims trailing zeros
  return fraction ? `${seconds}.${fraction}Z` : `${seconds}Z`;
}
