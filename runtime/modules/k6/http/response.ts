/** k6's http.Response, built from a plain RequestResult on the VU's side. */
import { parseSetCookie } from './cookie-jar.ts';
import { canonicalHeaderKey, headerObject } from './headers.ts';
import type { Hop, RequestResult, RequestSpec, Timings } from './types.ts';

export interface ResponseCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  http_only: boolean;
  secure: boolean;
  max_age: number;
  expires: number;
}

export interface RequestInfo {
  method: string;
  url: string;
  headers: Record<string, string[]>;
  body: string;
  cookies: Record<string, { name: string; value: string; replace: boolean }[]>;
}

const EMPTY_TIMINGS: Timings = { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0, duration: 0 };

/** the fields k6 shows when a Response is turned into JSON */
const JSON_FIELDS = [
  'status',
  'status_text',
  'proto',
  'body',
  'headers',
  'cookies',
  'timings',
  'error',
  'error_code',
  'url',
  'remote_ip',
  'remote_port',
  'tls_version',
  'request',
] as const;

export class Response {
  status: number;
  status_text: string;
  proto: string;
  body: string | ArrayBuffer | null;
  timings: Timings;
  error: string;
  error_code: number;
  url: string;
  remote_ip: string;
  remote_port: number;
  tls_version: string;
  private parsed: { ok: true; value: unknown } | undefined;
  // headers, cookies and request are built on first use: most scripts read few of them
  private readonly hop: Hop | undefined;
  private lazyHeaders: Record<string, string> | undefined;
  private lazyCookies: Record<string, ResponseCookie[]> | undefined;
  private lazyRequest: RequestInfo | undefined;

  private readonly spec: RequestSpec;

  constructor(spec: RequestSpec, result: RequestResult | undefined, failure?: { error: string; code: number }) {
    const hop: Hop | undefined = result?.hops[result.hops.length - 1];
    this.hop = hop;
    this.spec = spec;
    this.status = hop?.status ?? 0;
    this.status_text = hop && hop.status ? `${hop.status} ${hop.statusText}`.trimEnd() : '';
    this.proto = hop?.proto ?? '';
    this.body = result?.body ?? null;
    this.timings = { ...(hop?.timings ?? EMPTY_TIMINGS) };
    this.error = failure?.error ?? hop?.error ?? '';
    this.error_code = failure?.code ?? hop?.errorCode ?? 0;
    this.url = hop?.url ?? spec.url;
    this.remote_ip = hop?.remoteIp ?? '';
    this.remote_port = hop?.remotePort ?? 0;
    this.tls_version = hop?.tlsVersion ?? '';
  }

  get headers(): Record<string, string> {
    return (this.lazyHeaders ??= headerObject(this.hop?.headers ?? []));
  }

  get cookies(): Record<string, ResponseCookie[]> {
    return (this.lazyCookies ??= responseCookies(this.hop));
  }

  get request(): RequestInfo {
    return (this.lazyRequest ??= requestInfo(this.spec, this.hop));
  }

  /** JSON.stringify(res) shows the same fields as in k6 */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(JSON_FIELDS.map((k) => [k, this[k]]));
  }

  /** The body parsed as JSON; with a selector, the value at a dotted path (`items.0.id`, `items.#` for a length). */
  json(selector?: string): unknown {
    if (this.body === null) {
      throw new Error(
        "the body is null so we can't transform it to JSON - this likely was because of a request error getting the response",
      );
    }
    if (!this.parsed) {
      const text = typeof this.body === 'string' ? this.body : Buffer.from(this.body).toString('utf8');
      try {
        this.parsed = { ok: true, value: JSON.parse(text) };
      } catch (err) {
        throw new Error(`cannot parse the response body of ${this.url} as JSON: ${(err as Error).message}`);
      }
    }
    return selector === undefined ? this.parsed.value : selectPath(this.parsed.value, selector);
  }

  html(): never {
    throw new Error('res.html() is not supported by streamprobe; parse res.body yourself (see docs/http.md)');
  }
}

/** A small subset of gjson paths: dot-separated keys and array indexes, `#` for an array's length. */
export function selectPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur) && part === '#') cur = cur.length;
    else cur = (cur as Record<string, unknown>)[part];
    if (cur === undefined) return undefined;
  }
  return cur;
}

function responseCookies(hop: Hop | undefined): Record<string, ResponseCookie[]> {
  const out: Record<string, ResponseCookie[]> = {};
  for (const [name, value] of hop?.headers ?? []) {
    if (name.toLowerCase() !== 'set-cookie') continue;
    const c = parseSetCookie(value);
    if (!c) continue;
    const expires = c.attrs.expires ? Date.parse(c.attrs.expires) : 0;
    (out[c.name] ??= []).push({
      name: c.name,
      value: c.value,
      domain: c.attrs.domain ?? '',
      path: c.attrs.path ?? '',
      http_only: c.attrs.http_only ?? false,
      secure: c.attrs.secure ?? false,
      max_age: c.attrs.max_age ?? 0,
      expires: Number.isNaN(expires) ? 0 : expires,
    });
  }
  return out;
}

function requestInfo(spec: RequestSpec, hop: Hop | undefined): RequestInfo {
  const headers: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(hop?.requestHeaders ?? spec.headers)) (headers[canonicalHeaderKey(k)] ??= []).push(v);
  const cookies: RequestInfo['cookies'] = {};
  for (const part of (headers.Cookie?.[0] ?? '').split('; ')) {
    const eq = part.indexOf('=');
    if (eq > 0) (cookies[part.slice(0, eq)] ??= []).push({ name: part.slice(0, eq), value: part.slice(eq + 1), replace: false });
  }
  const body = spec.body === null ? '' : typeof spec.body === 'string' ? spec.body : Buffer.from(spec.body).toString('utf8');
  return { method: hop?.method ?? spec.method, url: hop?.url ?? spec.url, headers, body, cookies };
}
