/** Maps xk6-kafka's brokers/sasl/tls settings onto @platformatic/kafka base client options. */
import { existsSync, readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { ConfigError } from '../../../../errors.ts';
import { Config } from './config.ts';
import { SASL } from './constants.ts';

export const DEFAULT_DIAL_TIMEOUT_MS = 10_000;

export interface ClientOptions {
  bootstrapBrokers: string[];
  connectTimeout: number;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
  tls?: TlsOptions;
}

/** PEM given inline or as a file path (both are accepted by xk6-kafka). */
function pem(value: string): string {
  return value.includes('-----BEGIN') || !existsSync(value) ? value : readFileSync(value, 'utf8');
}

function saslOptions(sasl: Config, tlsEnabled: boolean): ClientOptions['sasl'] {
  const algorithm = sasl.str('algorithm', SASL.NONE);
  const creds = { username: sasl.str('username'), password: sasl.str('password') };
  switch (algorithm) {
    case '':
    case SASL.NONE:
      return undefined;
    case SASL.PLAIN:
      return { mechanism: 'PLAIN', ...creds };
    case SASL.SCRAM_SHA256:
      return { mechanism: 'SCRAM-SHA-256', ...creds };
    case SASL.SCRAM_SHA512:
      return { mechanism: 'SCRAM-SHA-512', ...creds };
    case SASL.SSL:
      if (!tlsEnabled) throw new ConfigError('You must enable TLS to use SASL_SSL: set tls.enableTls: true');
      return undefined;
    default:
      throw new ConfigError(
        `SASL algorithm ${JSON.stringify(algorithm)} is not supported by streamprobe; use sasl_plain or sasl_scram_sha256/512`,
      );
  }
}

function tlsOptions(tls: Config): TlsOptions | undefined {
  if (!tls.bool('enableTls')) return undefined;
  const opts: TlsOptions = { rejectUnauthorized: !tls.bool('insecureSkipTlsVerify') };
  const ca = tls.str('serverCaPem');
  const cert = tls.str('clientCertPem');
  const key = tls.str('clientKeyPem');
  if (ca) opts.ca = pem(ca);
  if (cert) opts.cert = pem(cert);
  if (key) opts.key = pem(key);
  const min = tls.str('minVersion');
  if (min) opts.minVersion = `TLSv${min.replace(/^tls/i, '')}` as TlsOptions['minVersion'];
  return opts;
}

export function clientOptions(cfg: Config, brokers: string[]): ClientOptions {
  if (brokers.length === 0) throw new ConfigError(`${cfg.what}.brokers is required, e.g. brokers: ["localhost:9092"]`);
  const tls = tlsOptions(cfg.sub('tls'));
  const sasl = saslOptions(cfg.sub('sasl'), tls !== undefined);
  const connectTimeout = cfg.has('connectTimeout')
    ? cfg.durationMs('connectTimeout', DEFAULT_DIAL_TIMEOUT_MS)
    : cfg.durationMs('dialTimeout', DEFAULT_DIAL_TIMEOUT_MS);
  return { bootstrapBrokers: brokers, connectTimeout, ...(sasl && { sasl }), ...(tls && { tls }) };
}

/** Identity of a connection target, for sharing clients (credentials included: different users ≠ same client). */
export function connectionKey(o: ClientOptions): string {
  return JSON.stringify([o.bootstrapBrokers, o.sasl ?? null, o.tls ?? null]);
}
