/** k6's HTTP options with k6's defaults (they come from the merged option layers). */
import { existsSync, readFileSync } from 'node:fs';
import type { CoreModuleVU } from '../../../vu-context/core-module-vu.ts';

export interface HttpOptions {
  userAgent: string;
  maxRedirects: number;
  discardResponseBodies: boolean;
  insecureSkipTLSVerify: boolean;
  noConnectionReuse: boolean;
  noVUConnectionReuse: boolean;
  noCookiesReset: boolean;
  batch: number;
  batchPerHost: number;
  throw: boolean;
}

const VERSION = packageVersion();

/** The nearest package.json up from here: a fixed relative path breaks in the classic VU bundle, whose import.meta.url is another file's. */
function packageVersion(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dir.pathname === '/') return '0.0.0';
  }
}

export function httpOptions(vu: CoreModuleVU): HttpOptions {
  const o = vu.host.options;
  const m = o?.merged ?? {};
  return {
    userAgent: m.userAgent ?? `streamprobe/${VERSION} (k6-compatible)`,
    maxRedirects: m.maxRedirects ?? 10,
    discardResponseBodies: m.discardResponseBodies ?? false,
    insecureSkipTLSVerify: m.insecureSkipTLSVerify ?? false,
    noConnectionReuse: m.noConnectionReuse ?? false,
    noVUConnectionReuse: m.noVUConnectionReuse ?? false,
    noCookiesReset: m.noCookiesReset ?? false,
    batch: m.batch ?? 20,
    batchPerHost: m.batchPerHost ?? 6,
    throw: o?.throw ?? false,
  };
}
