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
  const second = Math.floor(epochMs / 1000);
  if (second !== cached.second) {
    const d = new Date(second * 1000);
    cached.second = second;
    cached.prefix = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    cached.zone = offset(d);
  }
  const ms = Math.floor(epochMs) - second * 1000;
  const frac = fraction && ms !== 0 ? FRACTIONS[ms]! : '';
  return cached.prefix + frac + cached.zone;
}

/** per-sample outputs format many samples of the same second: the date and time of the last one are kept */
const cached = { second: NaN, prefix: '', zone: '' };
/** ".5", ".05", ".123": milliseconds as Go writes a fraction, without trailing zeros */
const FRACTIONS = Array.from({ length: 1000 }, (_, ms) => '.' + pad(ms, 3).replace(/0+$/, ''));
