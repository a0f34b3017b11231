/** A script's request arguments (method, url, body, params) ⇒ a plain RequestSpec and the VU-side extras. */
import { parseDuration } from '../../../units/duration.ts';
import { encodeBody } from './body.ts';
import type { CookieJarData } from './cookie-jar.ts';
import { ErrorCode } from './error-codes.ts';
import { toResponseCallback, type ResponseCallbackData } from './expected-statuses.ts';
import { findHeader } from './headers.ts';
import { CookieJar } from './script-jar.ts';
import type { RequestSpec, ResponseType } from './types.ts';
import { parseURL } from './url-cache.ts';

/** `http.url\`https://api/items/${id}\``: the URL, tagged with its template as `name`. */
export class HttpURL {
  constructor(
    readonly url: string,
    readonly name: string,
  ) {}

  toString(): string {
    return this.url;
  }
}

export function urlTemplate(strings: TemplateStringsArray, ...values: unknown[]): HttpURL {
  return new HttpURL(String.raw(strings, ...values), strings.raw.join('${}'));
}

export interface RequestDefaults {
  userAgent: string;
  maxRedirects: number;
  responseType: ResponseType;
  callback: ResponseCallbackData | null;
  jar: CookieJarData;
}

export interface PreparedRequest {
  spec: RequestSpec;
  /** the `name` tag when the script set one (tags.name or http.url) */
  name: string | undefined;
  tags: Record<string, string> | undefined;
  callback: ResponseCallbackData | null;
  /** the request could not be made (an invalid URL): k6 returns a response with this error */
  invalid?: { error: string; code: number };
}

const DEFAULT_TIMEOUT_MS = 60_000;
const RESPONSE_TYPES: readonly string[] = ['text', 'binary', 'none'];

export function prepareRequest(method: unknown, url: unknown, body: unknown, params: unknown, d: RequestDefaults): PreparedRequest {
  const p = (params ?? {}) as Record<string, unknown>;
  if (typeof p !== 'object') throw new TypeError('http request params must be an object');
  const m = String(method ?? 'GET').toUpperCase();
  const urlText = url instanceof HttpURL ? url.url : String(url);
  const tags = p.tags === undefined || p.tags === null ? undefined : stringRecord(p.tags, 'params.tags');
  const name = tags?.name ?? (url instanceof HttpURL ? url.name : undefined);
  const headers = p.headers === undefined || p.headers === null ? {} : stringRecord(p.headers, 'params.headers');
  const encoded = encodeBody(body);
  if (encoded.contentType && findHeader(headers, 'content-type') === undefined) headers['Content-Type'] = encoded.contentType;
  if (d.userAgent && findHeader(headers, 'user-agent') === undefined) headers['User-Agent'] = d.userAgent;
  const responseType = p.responseType ?? d.responseType;
  if (!RESPONSE_TYPES.includes(responseType as string)) {
    throw new TypeError(`params.responseType: ${JSON.stringify(responseType)} is not one of ${RESPONSE_TYPES.join(', ')}`);
  }
  const redirects = p.redirects ?? d.maxRedirects;
  if (typeof redirects !== 'number' || !Number.isInteger(redirects) || redirects < 0) {
    throw new TypeError(`params.redirects: ${JSON.stringify(redirects)} must be a whole number ≥ 0`);
  }
  if (p.jar !== undefined && p.jar !== null && !(p.jar instanceof CookieJar)) {
    throw new TypeError('params.jar must be a cookie jar from http.cookieJar() or new http.CookieJar()');
  }
  const spec: RequestSpec = {
    method: m,
    url: urlText,
    headers,
    body: encoded.body,
    timeoutMs: p.timeout === undefined || p.timeout === null ? DEFAULT_TIMEOUT_MS : parseDuration(p.timeout, 'params.timeout'),
    maxRedirects: redirects,
    responseType: responseType as ResponseType,
    cookies: requestCookies(p.cookies),
    jar: p.jar instanceof CookieJar ? p.jar.data : d.jar,
  };
  const callback = 'responseCallback' in p ? toResponseCallback(p.responseCallback, 'params.responseCallback') : d.callback;
  const prepared: PreparedRequest = { spec, name, tags, callback };
  const problem = urlProblem(urlText);
  if (problem) prepared.invalid = { error: problem, code: ErrorCode.InvalidURL };
  return prepared;
}

function urlProblem(url: string): string | undefined {
  const parsed = parseURL(url);
  if (!parsed) return `parse "${url}": invalid URL`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `unsupported protocol scheme "${parsed.protocol.slice(0, -1)}"`;
  return undefined;
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${what} must be an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'object') throw new TypeError(`${what}: the value of "${k}" must be a string, number or boolean`);
    out[k] = String(v);
  }
  return out;
}

function requestCookies(value: unknown): RequestSpec['cookies'] {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') throw new TypeError('params.cookies must be an object');
  const out: RequestSpec['cookies'] = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'object' && v !== null) {
      const c = v as { value?: unknown; replace?: unknown };
      out[name] = { value: String(c.value ?? ''), replace: Boolean(c.replace) };
    } else out[name] = { value: String(v), replace: false };
  }
  return out;
}
