/** Go's time layouts that k6's outputs write, from epoch milliseconds in the local time zone. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Go's RFC3339 (`2006-01-02T15:04:05Z07:00`), or RFC3339Nano when `fraction`: the fraction of the
 * second without trailing zeros, left out when zero (Go's `.999999999`).
 */
export function rfc3339(epochMs: number, fraction: boolean): string {
  const d = new Date(epochMs);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const ms = d.getMilliseconds();
  const frac = fraction && ms !== 0 ? '.' + pad(ms, 3).replace(/0+$/, '') : '';
  return `${date}T${time}${frac}${offset(d)}`;
}
