/**
 * A cookie jar as plain data (RFC 6265 domain, path, secure and expiry matching), so it can
 * travel with a request to another thread. The functions below read and update it.
 */

export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  /** set without a Domain attribute: only for exactly this host */
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** epoch ms; 0 for a session cookie */
  expires: number;
}

export interface CookieJarData {
  cookies: StoredCookie[];
}

/** k6's `jar.set()` options and `res.cookies` entries use these snake_case names. */
export interface CookieAttributes {
  domain?: string;
  path?: string;
  expires?: string;
  max_age?: number;
  secure?: boolean;
  http_only?: boolean;
}

export function emptyJar(): CookieJarData {
  return { cookies: [] };
}

function defaultPath(url: URL): string {
  const p = url.pathname;
  if (!p.startsWith('/') || p.lastIndexOf('/') === 0) return '/';
  return p.slice(0, p.lastIndexOf('/'));
}

function domainMatches(host: string, cookie: StoredCookie): boolean {
  if (cookie.hostOnly) return host === cookie.domain;
  return host === cookie.domain || host.endsWith('.' + cookie.domain);
}

function pathMatches(path: string, cookiePath: string): boolean {
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || path[cookiePath.length] === '/';
}

/** Adds or replaces a cookie for `url`; an expiry in the past removes it. */
export function setCookie(jar: CookieJarData, url: URL, name: string, value: string, attrs: CookieAttributes = {}, now = Date.now()): void {
  const host = url.hostname.toLowerCase();
  let domain = attrs.domain?.toLowerCase().replace(/^\./, '');
  if (domain && !(host === domain || host.endsWith('.' + domain))) return; // a foreign domain is ignored (RFC 6265 5.3)
  let expires = 0;
  if (attrs.max_age !== undefined) expires = attrs.max_age <= 0 ? 1 : now + attrs.max_age * 1000;
  else if (attrs.expires) {
    const t = Date.parse(attrs.expires);
    if (!Number.isNaN(t)) expires = t <= now ? 1 : t;
  }
  const cookie: StoredCookie = {
    name,
    value,
    domain: domain || host,
    hostOnly: !domain,
    path: attrs.path?.startsWith('/') ? attrs.path : defaultPath(url),
    secure: attrs.secure ?? false,
    httpOnly: attrs.http_only ?? false,
    expires,
  };
  const i = jar.cookies.findIndex((c) => c.name === name && c.domain === cookie.domain && c.path === cookie.path);
  if (i >= 0) jar.cookies.splice(i, 1);
  if (expires === 1) return;
  jar.cookies.push(cookie);
}

/** A `Set-Cookie` header value, parsed (name, value and attributes). */
export function parseSetCookie(header: string): { name: string; value: string; attrs: CookieAttributes } | undefined {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  let value = pair.slice(eq + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  const attrs: CookieAttributes = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    const key = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
    const v = i < 0 ? '' : part.slice(i + 1).trim();
    if (key === 'domain') attrs.domain = v;
    else if (key === 'path') attrs.path = v;
    else if (key === 'expires') attrs.expires = v;
    else if (key === 'max-age' && /^-?\d+$/.test(v)) attrs.max_age = Number(v);
    else if (key === 'secure') attrs.secure = true;
    else if (key === 'httponly') attrs.http_only = true;
  }
  return { name, value, attrs };
}

export function storeSetCookie(jar: CookieJarData, url: URL, header: string, now = Date.now()): void {
  const parsed = parseSetCookie(header);
  if (parsed) setCookie(jar, url, parsed.name, parsed.value, parsed.attrs, now);
}

/** The cookies to send to `url`, longest path first (RFC 6265 5.4). */
export function cookiesFor(jar: CookieJarData, url: URL, now = Date.now()): StoredCookie[] {
  const host = url.hostname.toLowerCase();
  const path = url.pathname || '/';
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  jar.cookies = jar.cookies.filter((c) => c.expires === 0 || c.expires > now);
  return jar.cookies
    .filter((c) => domainMatches(host, c) && pathMatches(path, c.path) && (!c.secure || secure))
    .sort((a, b) => b.path.length - a.path.length);
}

/** Removes the cookies `url` would receive (all of them, or the one named `name`). */
export function deleteCookies(jar: CookieJarData, url: URL, name?: string): void {
  const matching = new Set(cookiesFor(jar, url).filter((c) => name === undefined || c.name === name));
  jar.cookies = jar.cookies.filter((c) => !matching.has(c));
}

/** The `Cookie` header for `url`: jar cookies, merged with params.cookies (replace wins over the jar). */
export function cookieHeader(jar: CookieJarData | null, url: URL, extra: Record<string, { value: string; replace: boolean }>): string {
  if ((!jar || jar.cookies.length === 0) && isEmpty(extra)) return '';
  const pairs = new Map<string, string[]>();
  for (const c of jar ? cookiesFor(jar, url) : []) {
    const list = pairs.get(c.name) ?? [];
    list.push(c.value);
    pairs.set(c.name, list);
  }
  for (const [name, { value, replace }] of Object.entries(extra)) {
    if (replace || !pairs.has(name)) pairs.set(name, [value]);
  }
  const parts: string[] = [];
  for (const [name, values] of pairs) for (const v of values) parts.push(`${name}=${v}`);
  return parts.join('; ');
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}
