/** HTTPS: TLS timings and version, certificate errors and insecureSkipTLSVerify, against a real local TLS server. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Connections } from '../../../runtime/modules/k6/http/connections.ts';
import { emptyJar } from '../../../runtime/modules/k6/http/cookie-jar.ts';
import { performRequest } from '../../../runtime/modules/k6/http/perform.ts';

/** A self-signed certificate for 127.0.0.1, made by openssl (Debian's, as CI installs it). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const spec = (url: string) => ({
  method: 'GET',
  url,
  headers: {},
  body: null,
  timeoutMs: 5000,
  maxRedirects: 10,
  responseType: 'text' as const,
  cookies: {},
  jar: emptyJar(),
});

describe('https', () => {
  let server: https.Server;
  let url: string;
  before(async () => {
    server = https.createServer(selfSigned(), (_req, res) => res.end('secure'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('an unknown certificate authority is error 1310', async () => {
    const conns = new Connections({ insecureSkipTLSVerify: false, noConnectionReuse: false });
    const r = await performRequest(conns, spec(url));
    await conns.closeAll();
    assert.equal(r.hops[0]!.errorCode, 1310, r.hops[0]!.error);
  });

  it('insecureSkipTLSVerify: the request succeeds with TLS timings and version', async () => {
    const conns = new Connections({ insecureSkipTLSVerify: true, noConnectionReuse: false });
    const r = await performRequest(conns, spec(url));
    const again = await performRequest(conns, spec(url));
    await conns.closeAll();
    const hop = r.hops[0]!;
    assert.equal(hop.status, 200);
    assert.equal(r.body, 'secure');
    assert.match(hop.tlsVersion, /^tls1\.[23]$/);
    assert.ok(hop.timings.connecting > 0 && hop.timings.tls_handshaking > 0, JSON.stringify(hop.timings));
    assert.equal(again.hops[0]!.timings.tls_handshaking, 0, 'a reused connection does no handshake');
  });
});
