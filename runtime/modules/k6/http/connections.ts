/**
 * One VU's HTTP connections, as k6 gives each VU its own: keep-alive connections per origin,
 * each an undici `Client` with one socket, so every exchange knows its socket and can be timed
 * phase by phase (k6's http_req_blocked … http_req_receiving) and counted in bytes.
 */
import type { Socket } from 'node:net';
import { buildConnector, Client } from 'undici';
import type { Cancellation } from './cancellation.ts';
import { PendingExchange, type ConnectionOwner, type ConnectionState, type Exchange, type ExchangeResult } from './exchange.ts';

export interface ConnectionOptions {
  insecureSkipTLSVerify: boolean;
  /** k6's noConnectionReuse: a new connection for every request */
  noConnectionReuse: boolean;
}

interface Connection extends ConnectionState {
  busy: boolean;
}

const DIAL_TIMEOUT_MS = 30_000;

export class Connections implements ConnectionOwner {
  private readonly pools = new Map<string, Connection[]>();
  private readonly connector: buildConnector.connector;

  constructor(private readonly options: ConnectionOptions) {
    this.connector = buildConnector({ rejectUnauthorized: !options.insecureSkipTLSVerify, timeout: DIAL_TIMEOUT_MS });
  }

  /** One request/response on a free connection to the URL's origin. Never rejects. */
  exchange(x: Exchange, cancel: Cancellation): Promise<ExchangeResult> {
    return new PendingExchange(x, this.acquire(x.url.origin), cancel, this).start(this.options.noConnectionReuse);
  }

  /** Some exchange is in flight. */
  busy(): boolean {
    for (const pool of this.pools.values()) for (const c of pool) if (c.busy) return true;
    return false;
  }

  /** Ends every exchange in flight (the VU's iteration was interrupted). */
  cancelAll(reason: unknown): void {
    for (const pool of this.pools.values()) for (const c of [...pool]) if (c.busy) c.current?.cancel(reason);
  }

  finished(conn: Connection, broken: unknown): void {
    conn.current = undefined;
    if (broken === undefined) this.release(conn);
    else this.discard(conn, broken);
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

  private release(conn: Connection): void {
    conn.busy = false;
    if (conn.client.destroyed || conn.client.closed) this.remove(conn);
  }

  /** A timed-out or interrupted exchange leaves its connection in an unknown state: close it. */
  private discard(conn: Connection, reason: unknown): void {
    this.remove(conn);
    conn.client.destroy(reason instanceof Error ? reason : new Error(String(reason))).catch(() => {});
  }

  private remove(conn: Connection): void {
    const pool = this.pools.get(conn.origin);
    const i = pool?.indexOf(conn) ?? -1;
    if (i >= 0) pool!.splice(i, 1);
  }

  private open(origin: string): Connection {
    const conn = {
      origin,
      current: undefined,
      busy: false,
      socket: undefined,
      fresh: false,
      dialStart: 0,
      connected: 0,
      secured: 0,
    } as Omit<Connection, 'client'> as Connection;
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
