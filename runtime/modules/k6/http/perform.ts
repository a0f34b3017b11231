/**
 * Performs one k6 request: the exchange, its redirects, cookies and the overall timeout.
 * Knows nothing of VUs or metrics; its input and output are plain data (see types.ts), so a
 * classic-mode I/O thread can run it for a blocked VU thread.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Cancellation } from './cancellation.ts';
import type { Connections } from './connections.ts';
import { cookieHeader, storeSetCookie } from './cookie-jar.ts';
import { ErrorCode, IterationInterruptedError, RequestTimeoutError } from './error-codes.ts';
import type { RequestResult, RequestSpec } from './types.ts';
import { parseURL } from './url-cache.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Resolves with every hop (the redirects and the final response); never rejects for network errors. */
/** `cancel` lets the caller end the request early (the VU was interrupted); the timeout uses it too. */
export async function performRequest(conns: Connections, spec: RequestSpec, cancel = new Cancellation()): Promise<RequestResult> {
  const timer = setTimeout(timeOut, spec.timeoutMs, cancel);
  const hops: RequestResult['hops'] = [];
  let url = parseURL(spec.url) ?? new URL(spec.url); // the second throws the parse error
  let method = spec.method;
  let body = spec.body;
  let headers = spec.headers;
  try {
    for (let followed = 0; ; followed++) {
      const cookie = cookieHeader(spec.jar, url, followed === 0 ? spec.cookies : {});
      const sent = cookie ? { ...headers, cookie } : headers;
      const { hop, body: data } = await conns.exchange(
        { method, url, headers: sent, body, keepBody: spec.responseType !== 'none' },
        cancel,
      );
      hops.push(hop);
      if (!hop.responded) {
        return {
          hops,
          body: null,
          jar: spec.jar,
          redirectLimitHit: false,
          interrupted: cancel.reason instanceof IterationInterruptedError,
        };
      }
      if (spec.jar) for (const [name, value] of hop.headers) if (name.toLowerCase() === 'set-cookie') storeSetCookie(spec.jar, url, value);
      const next = REDIRECTS.has(hop.status) ? redirectTarget(hop.headers, url) : undefined;
      if (next === undefined || followed >= spec.maxRedirects) {
        let body: RequestResult['body'] = null;
        try {
          body = decode(decompress(data, hop.headers), spec.responseType);
        } catch (err) {
          hop.error = `error decompressing the response body: ${(err as Error).message}`;
          hop.errorCode = ErrorCode.Decompression;
        }
        return { hops, body, jar: spec.jar, redirectLimitHit: next !== undefined && spec.maxRedirects > 0, interrupted: false };
      }
      url = next;
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method !== 'GET' && method !== 'HEAD')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = null;
        headers = withoutBodyHeaders(headers);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

function timeOut(cancel: Cancellation): void {
  cancel.cancel(new RequestTimeoutError());
}

/** The Location to follow; none when missing or unparsable (the 3xx is then the response). */
function redirectTarget(headers: readonly [string, string][], base: URL): URL | undefined {
  const location = headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
  if (location === undefined) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!/^content-(type|length)$/i.test(k)) out[k] = v;
  return out;
}

/** k6 decodes compressed bodies (the script asked for them with Accept-Encoding). */
function decompress(data: Buffer | null, headers: readonly [string, string][]): Buffer | null {
  const encoding = headers
    .find(([n]) => n.toLowerCase() === 'content-encoding')?.[1]
    .trim()
    .toLowerCase();
  if (!data || !encoding || data.length === 0) return data;
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(data);
  if (encoding === 'deflate') return inflateSync(data);
  if (encoding === 'br') return brotliDecompressSync(data);
  return data;
}

function decode(data: Buffer | null, type: RequestSpec['responseType']): string | ArrayBuffer | null {
  if (data === null || type === 'none') return null;
  if (type === 'binary') return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return data.toString('utf8');
}
