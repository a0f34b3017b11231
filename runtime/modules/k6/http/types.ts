/**
 * The data that crosses between a VU and the code that performs its HTTP requests. All plain
 * (structured-clone friendly: strings, numbers, arrays, ArrayBuffers), so a classic-mode VU
 * thread can hand a `RequestSpec` to an I/O thread and get a `RequestResult` back.
 */
import type { CookieJarData } from './cookie-jar.ts';
import type { ResponseCallbackData } from './expected-statuses.ts';

export type ResponseType = 'text' | 'binary' | 'none';

/** One request as the script asked for it, after argument parsing and body encoding. */
export interface RequestSpec {
  method: string;
  url: string;
  /** header name as given ⇒ value; `cookie` is added from the jar per hop */
  headers: Record<string, string>;
  body: ArrayBuffer | string | null;
  timeoutMs: number;
  maxRedirects: number;
  responseType: ResponseType;
  /** params.cookies: name ⇒ value and whether it replaces a jar cookie of the same name */
  cookies: Record<string, { value: string; replace: boolean }>;
  /** the jar in effect; `performRequest` updates it in place and returns it in the result */
  jar: CookieJarData | null;
}

/** Phases of one request/response exchange in milliseconds, k6's `res.timings` keys. */
export interface Timings {
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
  duration: number;
}

/** One exchange on the wire: the final response or a redirect that led to it. */
export interface Hop {
  method: string;
  url: string;
  status: number;
  statusText: string;
  proto: string;
  /** raw response header pairs in arrival order */
  headers: [string, string][];
  /** request headers as sent (without undici's own) */
  requestHeaders: Record<string, string>;
  timings: Timings;
  bytesSent: number;
  bytesReceived: number;
  remoteIp: string;
  remotePort: number;
  /** 'tls1.3' etc. for https */
  tlsVersion: string;
  /** empty when the exchange completed (an HTTP error status is not an `error`) */
  error: string;
  /** k6's error code: transport errors, or 1000 + status for 4xx/5xx; 0 for none */
  errorCode: number;
  /** false when no response arrived (the hop emits metrics with status 0) */
  responded: boolean;
}

export interface RequestResult {
  hops: Hop[];
  body: string | ArrayBuffer | null;
  /** the updated jar (the same object in async mode, a copy when it crossed threads) */
  jar: CookieJarData | null;
  /** stopped at maxRedirects with a redirect still to follow (k6 warns) */
  redirectLimitHit: boolean;
  /** ended by the VU's interrupt: k6 records no metrics for it */
  interrupted: boolean;
}

export type { CookieJarData, ResponseCallbackData };
