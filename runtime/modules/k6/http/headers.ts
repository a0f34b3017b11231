/** Header names as Go's net/textproto prints them (k6's `res.headers` keys: `Content-Type`). */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function canonicalHeaderKey(name: string): string {
  if (!TOKEN.test(name)) return name;
  let out = '';
  let upper = true;
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}

/** Response header pairs ⇒ k6's object: canonical keys, repeated headers joined by ", ". */
export function headerObject(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const key = canonicalHeaderKey(name);
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}

export function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}
