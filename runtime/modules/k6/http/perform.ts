/**
 * Performs one k6 request: the exchange, its redirects, cookies and the overall timeout.
 * Knows nothing of VUs or metrics; its input and output are plain data (see types.ts), so a
 * classic-mode I/O thread can run it for a blocked VU thread.
 */
import type { Connections } from './connections.ts';
import { cookieHeader, storeSetCookie } from './cookie-jar.ts';
import { RequestTimeoutError } from './error-codes.ts';
import type { RequestResult, RequestSpec } from './types.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Resolves with every hop (the redirects and the final response); never rejects for network errors. */
export async function performRequest(conns: Connections, spec: RequestSpec, interrupt?: AbortSignal): Promise<RequestResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestTimeoutError()), spec.timeoutMs);
  const onInterrupt = () => controller.abort(interrupt!.reason ?? new Error('request interrupted'));
  interrupt?.addEventListener('abort', onInterrupt, { once: true });
  const hops: RequestResult['hops'] = [];
  let url = new URL(spec.url);
  let method = spec.method;
  let body = spec.body;
  let headers = spec.headers;
  try {
    for (let followed = 0; ; followed++) {
      const cookie = cookieHeader(spec.jar, url, followed === 0 ? spec.cookies : {});
      const sent = cookie ? { ...headers, cookie } : headers;
      const { hop, body: data } = await conns.exchange(
        { method, url, headers: sent, body, keepBody: spec.responseType !== 'none' },
        controller.signal,
      );
      hops.push(hop);
      if (!hop.responded) return { hops, body: null, jar: spec.jar, redirectLimitHit: false };
      if (spec.jar) for (const [name, value] of hop.headers) if (name.toLowerCase() === 'set-cookie') storeSetCookie(spec.jar, url, value);
      const location = REDIRECTS.has(hop.status) ? hop.headers.find(([n]) => n.toLowerCase() === 'location')?.[1] : undefined;
      if (location === undefined || followed >= spec.maxRedirects) {
        return { hops, body: decode(data, spec.responseType), jar: spec.jar, redirectLimitHit: location !== undefined && spec.maxRedirects > 0 };
      }
      url = new URL(location, url);
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method !== 'GET' && method !== 'HEAD')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = null;
        headers = withoutBodyHeaders(headers);
      }
    }
  } finally {
    clearTimeout(timer);
    interrupt?.removeEventListener('abort', onInterrupt);
  }
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!/^content-(type|length)$/i.test(k)) out[k] = v;
  return out;
}

function decode(data: Buffer | null, type: RequestSpec['responseType']): string | ArrayBuffer | null {
  if (data === null || type === 'none') return null;
  if (type === 'binary') return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return data.toString('utf8');
}
