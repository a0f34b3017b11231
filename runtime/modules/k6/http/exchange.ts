/**
 * One request/response on one connection, timed phase by phase. An object with methods rather
 * than closures: it is undici's dispatch handler and the cancellation's listener, made once per
 * request on the hot path.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Client } from 'undici';
import type { Cancellation } from './cancellation.ts';
import { classifyError, statusErrorCode } from './error-codes.ts';
import type { Hop } from './types.ts';

export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: ArrayBuffer | string | null;
  keepBody: boolean;
}

export interface ExchangeResult {
  hop: Hop;
  body: Buffer | null;
}

/** Takes a connection back when its exchange ends; `broken` (a reason) when it must not be reused. */
export interface ConnectionOwner {
  finished(conn: ConnectionState, broken: unknown): void;
}

/** What an exchange needs of its connection. */
export interface ConnectionState {
  readonly origin: string;
  /** the cancellation of the exchange in flight on it */
  current: Cancellation | undefined;
  readonly client: Client;
  socket: Socket | undefined;
  /** the socket is new: its dial and TLS timings go to the next exchange */
  fresh: boolean;
  dialStart: number;
  connected: number;
  secured: number;
}

export class PendingExchange {
  private readonly t0 = performance.now();
  private sendStart = 0;
  private sendEnd = 0;
  private responseStart = 0;
  private status = 0;
  private statusText = '';
  private rawHeaders: Buffer[] = [];
  private chunks: Buffer[] | null;
  private blocked = 0;
  private connecting = 0;
  private tls = 0;
  private socket: Socket | undefined;
  private baseWritten = 0;
  private baseRead = 0;
  private done = false;
  private resolve!: (r: ExchangeResult) => void;

  constructor(
    private readonly x: Exchange,
    private readonly conn: ConnectionState,
    private readonly cancel: Cancellation,
    private readonly owner: ConnectionOwner,
  ) {
    this.chunks = x.keepBody ? [] : null;
    conn.current = cancel;
  }

  start(reset: boolean): Promise<ExchangeResult> {
    const promise = new Promise<ExchangeResult>((resolve) => (this.resolve = resolve));
    if (this.cancel.cancelled) {
      this.onCancel(this.cancel.reason);
      return promise;
    }
    this.cancel.listen(this);
    try {
      const { x } = this;
      const body = x.body instanceof ArrayBuffer ? Buffer.from(x.body) : x.body;
      this.conn.client.dispatch({ path: x.url.pathname + x.url.search, method: x.method, headers: x.headers, body, reset }, this as never);
    } catch (err) {
      this.chunks = null;
      this.finish(err);
    }
    return promise;
  }

  /** the timeout or the VU's interrupt: the connection is in an unknown state, drop it */
  onCancel(reason: unknown): void {
    this.owner.finished(this.conn, reason);
    this.finish(reason);
  }

  onConnect(): void {
    const conn = this.conn;
    this.sendStart = performance.now();
    this.socket = conn.socket;
    if (conn.fresh && this.socket) {
      conn.fresh = false;
      this.blocked = Math.max(0, conn.dialStart - this.t0);
      this.connecting = conn.connected ? conn.connected - conn.dialStart : 0;
      this.tls = conn.secured && conn.connected ? conn.secured - conn.connected : 0;
    } else {
      this.blocked = this.sendStart - this.t0;
      this.baseWritten = this.socket?.bytesWritten ?? 0;
      this.baseRead = this.socket?.bytesRead ?? 0;
    }
  }

  onRequestSent(): void {
    this.sendEnd = performance.now();
  }

  onResponseStarted(): void {
    this.responseStart = performance.now();
  }

  onHeaders(status: number, raw: Buffer[], _resume: unknown, statusText: string): boolean {
    if (status < 200) return true; // 1xx informational: the real response follows
    this.status = status;
    this.statusText = statusText;
    this.rawHeaders = raw;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks?.push(chunk);
    return true;
  }

  onComplete(): void {
    this.finish(null);
  }

  onError(err: Error): void {
    this.finish(err);
  }

  private finish(err: unknown): void {
    if (this.done) return;
    this.done = true;
    this.cancel.listen(undefined);
    if (!this.cancel.cancelled) this.owner.finished(this.conn, undefined);
    const end = performance.now();
    const { x, socket, sendStart } = this;
    if (sendStart === 0) this.blocked = end - this.t0;
    const sendEnd = this.sendEnd || sendStart;
    const sending = sendStart ? sendEnd - sendStart : 0;
    // a request that got no response (a timeout) waited until it failed
    const waiting = sendStart ? (this.responseStart || end) - sendEnd : 0;
    const receiving = this.responseStart ? end - this.responseStart : 0;
    const failure = err ? classifyError(this.cancel.cancelled ? this.cancel.reason : err, target(x.url)) : undefined;
    const headers: [string, string][] = [];
    if (!failure) {
      const raw = this.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) headers.push([raw[i]!.toString('latin1'), raw[i + 1]!.toString('latin1')]);
    }
    const hop: Hop = {
      method: x.method,
      url: x.url.href,
      status: failure ? 0 : this.status,
      statusText: failure ? '' : this.statusText,
      proto: failure ? '' : 'HTTP/1.1',
      headers,
      requestHeaders: x.headers,
      timings: {
        blocked: this.blocked,
        connecting: this.connecting,
        tls_handshaking: this.tls,
        sending,
        waiting,
        receiving,
        duration: sending + waiting + receiving,
      },
      bytesSent: socket ? socket.bytesWritten - this.baseWritten : 0,
      bytesReceived: socket ? socket.bytesRead - this.baseRead : 0,
      remoteIp: socket?.remoteAddress ?? '',
      remotePort: socket?.remotePort ?? 0,
      tlsVersion: tlsVersion(socket),
      error: failure?.message ?? '',
      errorCode: failure?.code ?? statusErrorCode(this.status),
      responded: !failure,
    };
    this.resolve({ hop, body: failure || !this.chunks ? null : concat(this.chunks) });
  }
}

function concat(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** host:port as Go's dialer names it in errors */
function target(url: URL): string {
  return `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

function tlsVersion(socket: Socket | undefined): string {
  if (!socket || !('getProtocol' in socket)) return '';
  const v = (socket as TLSSocket).getProtocol();
  return v ? v.replace(/^TLSv/, 'tls') : '';
}
