/** `experimental-prometheus-rw` settings from k6's `K6_PROMETHEUS_RW_*` variables (docs/outputs.md). */
import { ConfigError } from '../../errors.ts';
import { parseDuration } from '../../units/duration.ts';
import { parseBoolText } from '../../options/fields.ts';
import { checkTrendStat } from '../../options/values.ts';

export interface PrometheusRWConfig {
  readonly serverUrl: URL;
  readonly pushIntervalMs: number;
  readonly trendStats: readonly string[];
  readonly trendAsNativeHistogram: boolean;
  readonly staleMarkers: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** static labels (K6_PROMETHEUS_RW_LABELS); tags on a series win over them */
  readonly labels: Readonly<Record<string, string>>;
  readonly insecureSkipTLSVerify: boolean;
  readonly tlsMinVersion: 'TLSv1.2' | 'TLSv1.3';
  readonly clientCertificate?: string;
  readonly clientCertificateKey?: string;
}

const PREFIX = 'K6_PROMETHEUS_RW_';

export function prometheusRWConfig(env: NodeJS.ProcessEnv): PrometheusRWConfig {
  const get = (name: string): string | undefined => (env[PREFIX + name] === '' ? undefined : env[PREFIX + name]);
  const bool = (name: string) => (get(name) === undefined ? false : parseBoolText(get(name)!, PREFIX + name));
  const url = get('SERVER_URL') ?? 'http://localhost:9090/api/v1/write';
  let serverUrl: URL;
  try {
    serverUrl = new URL(url);
  } catch {
    throw new ConfigError(`${PREFIX}SERVER_URL: "${url}" is not a URL; use e.g. http://localhost:9090/api/v1/write`);
  }
  const pushIntervalMs = parseDuration(get('PUSH_INTERVAL') ?? '5s', `${PREFIX}PUSH_INTERVAL`);
  if (pushIntervalMs <= 0) throw new ConfigError(`${PREFIX}PUSH_INTERVAL must be positive, got "${get('PUSH_INTERVAL')}"`);
  const trendStats = (get('TREND_STATS') ?? 'p(99)')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of trendStats) if (s !== 'sum') checkTrendStat(s, `${PREFIX}TREND_STATS`);

  const headers: Record<string, string> = {};
  for (const pair of (get('HTTP_HEADERS') ?? '').split(',').filter((p) => p !== '')) {
    const colon = pair.indexOf(':');
    if (colon <= 0) throw new ConfigError(`${PREFIX}HTTP_HEADERS: "${pair}" is not name:value; write k1:v1,k2:v2`);
    headers[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(PREFIX + 'HEADERS_') && value !== undefined) headers[name.slice(PREFIX.length + 'HEADERS_'.length)] = value;
  }
  const user = get('USERNAME');
  const password = get('PASSWORD');
  if (user !== undefined || password !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64')}`;
  }
  const token = get('BEARER_TOKEN');
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;

  const labels: Record<string, string> = {};
  for (const pair of (get('LABELS') ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${PREFIX}LABELS: "${pair}" is not name=value; write k1=v1,k2=v2`);
    labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }

  if (get('SIGV4_REGION') ?? get('SIGV4_ACCESS_KEY') ?? get('SIGV4_SECRET_KEY')) {
    throw new ConfigError(
      `${PREFIX}SIGV4_* (AWS SigV4 signing) is not supported by streamprobe; use a SigV4 proxy in front of the endpoint`,
    );
  }
  const tls = get('TLS_MINIMUM_VERSION') ?? get('TLS_MIN_VERSION') ?? '1.3';
  if (tls !== '1.2' && tls !== '1.3') throw new ConfigError(`${PREFIX}TLS_MINIMUM_VERSION must be 1.2 or 1.3, got "${tls}"`);
  return {
    serverUrl,
    pushIntervalMs,
    trendStats,
    trendAsNativeHistogram: bool('TREND_AS_NATIVE_HISTOGRAM'),
    staleMarkers: bool('STALE_MARKERS'),
    headers,
    labels,
    insecureSkipTLSVerify: bool('INSECURE_SKIP_TLS_VERIFY'),
    tlsMinVersion: tls === '1.2' ? 'TLSv1.2' : 'TLSv1.3',
    clientCertificate: get('CLIENT_CERTIFICATE'),
    clientCertificateKey: get('CLIENT_CERTIFICATE_KEY'),
  };
}
