/**
 * One VU's HTTP connections, as k6 gives each VU its own: keep-alive connections per origin,
 * each an undici `Client` with one socket, so every exchange knows its socket and can be timed
 * phase by phase (k6's http_req_blocked … http_req_receiving) and counted in bytes.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { buildConnector, Client } from 'undici';
import type { Hop, Timings } from './types.ts';
import type { Cancellation } from './cancellation.ts';
import { classifyError, statusErrorCode } from './error-codes.ts';

export interface ConnectionOptions {
  insecureSkipTLSVerify: boolean;
  /** k6's noConnectionReuse: a new connection for every request */
  noConnectionReuse: boolean;
}

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

interface Connection {
  readonly client: Client;
  busy: boolean;
  socket: Socket | undefined;
  /** the socket is new: its dial and TLS timings go to the next exchange */
  fresh: boolean;
  dialStart: number;
  connected: number;
  secured: number;
}

const DIAL_TIMEOUT_MS = 30_000;

export class Connections {
  private readonly pools = new Map<string, Connection[]>();
  private readonly connector: buildConnector.connector;

  constructor(private readonly options: ConnectionOptions) {
    this.connector = buildConnector({ rejectUnauthorized: !options.insecureSkipTLSVerify, timeout: DIAL_TIMEOUT_MS });
  }

  /** One request/response on a free connection to the URL's origin. Never rejects. */
  exchange(x: Exchange, cancel: Cancellation): Promise<ExchangeResult> {
    const origin = x.url.origin;
    const conn = this.acquire(origin);
    const t0 = performance.now();
    return new Promise<ExchangeResult>((resolve) => {
      let sendStart = 0;
      let sendEnd = 0;
      let responseStart = 0;
      let status = 0;
      let statusText = '';
      let rawHeaders: Buffer[] = [];
      let chunks: Buffer[] | null = x.keepBody ? [] : null;
      let dial = { blocked: 0, connecting: 0, tls: 0 };
      let socket: Socket | undefined;
      let baseWritten = 0;
      let baseRead = 0;
      let done = false;

      const finish = (err: unknown) => {
        if (done) return;
        done = true;
        cancel.listen(undefined);
        const end = performance.now();
        this.release(origin, conn);
        if (sendStart === 0) dial = { blocked: end - t0, connecting: 0, tls: 0 };
        const sending = sendStart ? (sendEnd || sendStart) - sendStart : 0;
        // a request that got no response (a timeout) waited until it failed
        const waiting = sendStart ? (responseStart || end) - (sendEnd || sendStart) : 0;
        const receiving = responseStart ? end - responseStart : 0;
        const timings: Timings = {
          blocked: dial.blocked,
          connecting: dial.connecting,
          tls_handshaking: dial.tls,
          sending,
          waiting,
          receiving,
          duration: sending + waiting + receiving,
        };
        const failure = err ? classifyError(cancel.cancelled ? cancel.reason : err, target(x.url)) : undefined;
        const headers: [string, string][] = [];
        for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.push([rawHeaders[i]!.toString('latin1'), rawHeaders[i + 1]!.toString('latin1')]);
        const hop: Hop = {
          method: x.method,
          url: x.url.href,
          status: failure ? 0 : status,
          statusText: failure ? '' : statusText,
          proto: failure ? '' : 'HTTP/1.1',
          headers: failure ? [] : headers,
          requestHeaders: x.headers,
          timings,
          bytesSent: socket ? socket.bytesWritten - baseWritten : 0,
          bytesReceived: socket ? socket.bytesRead - baseRead : 0,
          remoteIp: socket?.remoteAddress ?? '',
          remotePort: socket?.remotePort ?? 0,
          tlsVersion: tlsVersion(socket),
          error: failure?.message ?? '',
          errorCode: failure?.code ?? statusErrorCode(status),
          responded: !failure,
        };
        resolve({ hop, body: failure || !chunks ? null : Buffer.concat(chunks) });
      };

      const onCancel = (reason: unknown) => {
        this.discard(origin, conn, reason);
        finish(reason);
      };
      if (cancel.cancelled) return onCancel(cancel.reason);
      cancel.listen(onCancel);

      const handler = {
        onConnect: () => {
          sendStart = performance.now();
          socket = conn.socket;
          if (conn.fresh && socket) {
            conn.fresh = false;
            dial = {
              blocked: conn.dialStart - t0 > 0 ? conn.dialStart - t0 : 0,
              connecting: conn.connected ? conn.connected - conn.dialStart : 0,
              tls: conn.secured && conn.connected ? conn.secured - conn.connected : 0,
            };
          } else {
            dial = { blocked: sendStart - t0, connecting: 0, tls: 0 };
            baseWritten = socket?.bytesWritten ?? 0;
            baseRead = socket?.bytesRead ?? 0;
          }
        },
        onRequestSent: () => {
          sendEnd = performance.now();
        },
        onResponseStarted: () => {
          responseStart = performance.now();
        },
        onHeaders: (code: number, raw: Buffer[], _resume: unknown, text: string) => {
          if (code < 200) return true; // 1xx informational: the real response follows
          status = code;
          statusText = text;
          rawHeaders = raw;
          return true;
        },
        onData: (chunk: Buffer) => {
          chunks?.push(chunk);
          return true;
        },
        onComplete: () => finish(null),
        onError: (err: Error) => finish(err),
      };
      try {
        const body = x.body instanceof ArrayBuffer ? Buffer.from(x.body) : x.body;
        conn.client.dispatch(
          { path: x.url.pathname + x.url.search, method: x.method, headers: x.headers, body, reset: this.options.noConnectionReuse },
          handler as never,
        );
      } catch (err) {
        chunks = null;
        finish(err);
      }
    });
  }

  /** Closes every connection (end of the VU, or noVUConnectionReuse at a new iteration). */
  async closeAll(): Promise<void> {
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.allSettled(all.map((c) => c.client.destroy()));
  }

  private acquire(origin: string): Connection {
    let pool = this.pools.get(origin);
    if (!pool) this.pools.set(origin, (pool = []));
    for (const c of pool) {
      if (!c.busy) {
        c.busy = true;
        return c;
      }
    }
    const conn = this.open(origin);
    conn.busy = true;
    pool.push(conn);
    return conn;
  }

  private release(origin: string, conn: Connection): void {
    conn.busy = false;
    if (conn.client.destroyed || conn.client.closed) this.remove(origin, conn);
  }

  /** A timed-out or interrupted exchange leaves its connection in an unknown state: close it. */
  private discard(origin: string, conn: Connection, reason: unknown): void {
    this.remove(origin, conn);
    conn.client.destroy(reason instanceof Error ? reason : new Error(String(reason))).catch(() => {});
  }

  private remove(origin: string, conn: Connection): void {
    const pool = this.pools.get(origin);
    const i = pool?.indexOf(conn) ?? -1;
    if (i >= 0) pool!.splice(i, 1);
  }

  private open(origin: string): Connection {
    const conn = { busy: false, socket: undefined, fresh: false, dialStart: 0, connected: 0, secured: 0 } as Omit<Connection, 'client'> as Connection;
    const connect: buildConnector.connector = (opts, callback) => {
      conn.dialStart = performance.now();
      conn.connected = 0;
      conn.secured = 0;
      const socket = this.connector(opts, (err, s) => {
        if (!err) {
          // for plain http this runs before our own 'connect' listener: undici's came first
          const now = performance.now();
          conn.socket = s as Socket;
          conn.fresh = true;
          conn.connected ||= now;
          if (opts.protocol === 'https:') conn.secured = now;
        }
        (callback as (e: Error | null, s: unknown) => void)(err, s);
      }) as unknown as Socket | undefined;
      socket?.once?.('lookup', () => (conn.dialStart = performance.now()));
      socket?.once?.('connect', () => (conn.connected = performance.now()));
    };
    (conn as { client: Client }).client = new Client(origin, {
      connect,
      pipelining: 1,
      // the request timeout (params.timeout) bounds every phase; undici's own would cut in first
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    return conn;
  }
}

/** host:port as Go's dialer names it in errors */
function target(url: URL): string {
  return `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

function tlsVersion(socket: Socket | undefined): string {
  const v = (socket as TLSSocket | undefined)?.getProtocol?.();
  return v ? v.replace(/^TLSv/, 'tls') : '';
}
