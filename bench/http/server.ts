/**
 * The benchmark's system under test: an empty 200 response on every path, keep-alive, one
 * process. Prints its port on stdout, then serves until killed.
 * Usage: node --import tsx bench/http/server.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Length': '0' });
  res.end();
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
