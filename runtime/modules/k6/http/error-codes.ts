/** k6's error codes (k6 docs, "Error codes") and k6-like messages for Node's network errors. */

export const ErrorCode = {
  Generic: 1000,
  InvalidURL: 1020,
  RequestTimeout: 1050,
  DNSGeneric: 1100,
  DNSNoSuchHost: 1101,
  TCPGeneric: 1200,
  BrokenPipe: 1201,
  DialTimeout: 1211,
  DialRefused: 1212,
  ResetByPeer: 1220,
  TLSGeneric: 1300,
  TLSUnknownAuthority: 1310,
  TLSHostnameMismatch: 1311,
  Decompression: 1701,
} as const;

const REQUEST_TIMEOUT = 'K6_REQUEST_TIMEOUT';

/** params.timeout elapsed (the whole request, redirects included). */
export class RequestTimeoutError extends Error {
  readonly code = REQUEST_TIMEOUT;
  constructor() {
    super('request timeout');
  }
}

const INTERRUPTED = 'K6_ITERATION_INTERRUPTED';

/** The VU's iteration was interrupted (gracefulStop, ramp-down, abort): its requests end unrecorded. */
export class IterationInterruptedError extends Error {
  readonly code = INTERRUPTED;
  constructor() {
    super('context canceled');
  }
}

export interface ClassifiedError {
  code: number;
  message: string;
}

const unknownAuthority = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** The code and message a failed exchange with `target` (host:port) reports. */
export function classifyError(err: unknown, target: string): ClassifiedError {
  const e = err as { code?: string; message?: string; hostname?: string };
  const code = e?.code ?? '';
  const host = target.replace(/:\d+$/, '');
  switch (code) {
    case REQUEST_TIMEOUT:
      return { code: ErrorCode.RequestTimeout, message: 'request timeout' };
    case INTERRUPTED:
      return { code: ErrorCode.Generic, message: 'context canceled' };
    case 'ECONNREFUSED':
      return { code: ErrorCode.DialRefused, message: `dial tcp ${target}: connect: connection refused` };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { code: ErrorCode.DialTimeout, message: `dial tcp ${target}: i/o timeout` };
    case 'ENOTFOUND':
      return { code: ErrorCode.DNSNoSuchHost, message: `lookup ${host}: no such host` };
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return { code: ErrorCode.DNSGeneric, message: `lookup ${host}: ${e.message ?? code}` };
    case 'ECONNRESET':
      return { code: ErrorCode.ResetByPeer, message: `read tcp ${target}: connection reset by peer` };
    case 'EPIPE':
      return { code: ErrorCode.BrokenPipe, message: `write tcp ${target}: broken pipe` };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { code: ErrorCode.TLSHostnameMismatch, message: `tls: ${e.message ?? code}` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code: 1210, message: `dial tcp ${target}: ${e.message ?? code}` };
  }
  if (unknownAuthority.has(code))
    return { code: ErrorCode.TLSUnknownAuthority, message: `tls: certificate signed by unknown authority (${code})` };
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('CERT_')) {
    return { code: ErrorCode.TLSGeneric, message: `tls: ${e.message ?? code}` };
  }
  return { code: ErrorCode.Generic, message: e?.message || String(err) };
}

/** k6 tags 4xx/5xx responses with error code 1000 + status. */
export function statusErrorCode(status: number): number {
  return status >= 400 && status < 600 ? 1000 + status : 0;
}
