/** The live dashboard's HTTP server: the page, its server-sent `view` events and the report download. */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamprobeError, ExitCode } from '../../errors.ts';
import type { DashboardView } from './model.ts';
import { dashboardHtml } from './page.ts';

export class DashboardServer {
  private readonly clients = new Set<ServerResponse>();
  private readonly server = createServer((req, res) => void this.handle(req.url ?? '/', res));
  private emptied: (() => void) | undefined;

  constructor(private readonly current: () => DashboardView) {}

  /** resolves with the URL once listening */
  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new StreamprobeError(
            `the web dashboard cannot listen on ${host}:${port} (${err.code ?? err.message}); set K6_WEB_DASHBOARD_PORT to a free port, or -1 for no server`,
            ExitCode.InvalidConfig,
            { cause: err },
          ),
        ),
      );
      this.server.listen(port, host, resolve);
    });
    const address = this.server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${shown}:${address.port}`;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  publish(view: DashboardView): void {
    const event = `event: view\ndata: ${JSON.stringify(view)}\n\n`;
    for (const res of this.clients) res.write(event);
  }

  /** resolves when no browser has the page open (k6 keeps serving the final state until then) */
  whenNoClients(): Promise<void> {
    if (this.clients.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.emptied = resolve));
  }

  async close(): Promise<void> {
    for (const res of this.clients) res.end();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(url: string, res: ServerResponse): Promise<void> {
    const path = url.split('?')[0];
    try {
      if (path === '/') return send(res, 'text/html; charset=utf-8', await dashboardHtml(undefined));
      if (path === '/report') return send(res, 'text/html; charset=utf-8', await dashboardHtml(this.current()));
      if (path === '/events') return this.subscribe(res);
      res.writeHead(404).end('not found\n');
    } catch (err) {
      res.writeHead(500).end(`${(err as Error).message}\n`);
    }
  }

  private subscribe(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: view\ndata: ${JSON.stringify(this.current())}\n\n`);
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.emptied?.();
    });
  }
}

function send(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}
