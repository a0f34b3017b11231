/** A real node:http server on 127.0.0.1:<free port> with the routes the k6/http tests need. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** remote port of the client's connection: equal ports mean a reused connection */
  clientPort: number;
}

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  /** connections the server accepted */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Routes: `/status/<code>`, `/redirect/<n>` (n hops of 302 to /redirect/<n-1>, then 200),
 * `/cookie?name=value` (sets it), `/never` (never answers), `/bytes/<n>`, `/gzip` (`/gzip/broken`), anything else: 200 with
 * a JSON echo of the request.
 */
export async function startTestServer(): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, clientPort: req.socket.remotePort! });
      const url = new URL(req.url!, 'http://x');
      const [, route, arg] = url.pathname.split('/');
      if (route === 'never') return;
      if (route === 'status') {
        res.writeHead(Number(arg));
        return res.end();
      }
      if (route === 'redirect') {
        const n = Number(arg);
        if (n > 0) {
          res.writeHead(302, { Location: `/redirect/${n - 1}`, 'Set-Cookie': `hop${n}=yes; Path=/` });
          return res.end();
        }
      }
      if (route === 'cookie') {
        res.setHeader(
          'Set-Cookie',
          [...url.searchParams].map(([k, v]) => `${k}=${v}; Path=/`),
        );
      }
      if (route === 'gzip') {
        res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'text/plain' });
        return res.end(arg === 'broken' ? Buffer.from('not gzip') : gzipSync('unzipped text'));
      }
      if (route === 'bytes') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        return res.end(Buffer.alloc(Number(arg), 7));
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString() }));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
