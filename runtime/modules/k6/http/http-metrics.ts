/** k6's http_req_* metrics, http_reqs, http_req_failed and data_sent/received for each hop of a request. */
import { DATA_RECEIVED, DATA_SENT, HTTP_REQUEST_METRICS } from '../../../metrics/builtin.ts';
import type { MetricDef, Tags } from '../../../metrics/metric.ts';
import type { Series } from '../../../metrics/store.ts';
import { DEFAULT_SYSTEM_TAGS } from '../../../options/values.ts';
import type { CoreModuleVU } from '../../../vu-context/core-module-vu.ts';
import { isExpectedStatus, type ResponseCallbackData } from './expected-statuses.ts';
import type { Hop } from './types.ts';

/** Bounds the cached tag sets per VU tag set (unique URLs without a `name` tag would grow it forever). */
const MAX_TAG_SETS = 10_000;

/** The series of one tag set, in the order of `defs` below. */
type SeriesSet = Series[];

export class HttpMetrics {
  private readonly defs: MetricDef[];
  private readonly data: [sent: MetricDef, received: MetricDef];
  /** VU tags at the request's start ⇒ request tag key ⇒ series handles (k6's hot path, no tag-set keying) */
  private readonly cache = new WeakMap<Tags, Map<string, SeriesSet>>();
  /** data_sent/data_received carry the VU's tags only */
  private readonly dataSeries = new WeakMap<Tags, [Series, Series]>();

  constructor(private readonly vu: CoreModuleVU) {
    const define = (d: MetricDef) => vu.defineMetric(d.name, d.type, d.contains);
    this.defs = HTTP_REQUEST_METRICS.map(define);
    this.data = [define(DATA_SENT), define(DATA_RECEIVED)];
  }

  /**
   * `vuTags` are the VU's tags when the request started (its group, scenario): a request that
   * outlives a group() still counts in that group, as in k6.
   */
  emit(
    hop: Hop,
    name: string | undefined,
    userTags: Record<string, string> | undefined,
    callback: ResponseCallbackData | null,
    vuTags: Tags,
  ): void {
    const expected = callback === null ? undefined : hop.responded && isExpectedStatus(callback, hop.status);
    const [reqs, failed, duration, blocked, connecting, tls, sending, waiting, receiving] = this.series(
      hop,
      name,
      userTags,
      expected,
      vuTags,
    ) as [Series, Series, Series, Series, Series, Series, Series, Series, Series];
    const t = hop.timings;
    reqs.add(1);
    if (expected !== undefined) failed.add(expected ? 0 : 1);
    duration.add(t.duration);
    blocked.add(t.blocked);
    connecting.add(t.connecting);
    tls.add(t.tls_handshaking);
    sending.add(t.sending);
    waiting.add(t.waiting);
    receiving.add(t.receiving);
    let data = this.dataSeries.get(vuTags);
    if (!data) {
      const store = this.vu.host.store;
      this.dataSeries.set(vuTags, (data = [store.series(this.data[0], vuTags), store.series(this.data[1], vuTags)]));
    }
    if (hop.bytesSent > 0) data[0].add(hop.bytesSent);
    if (hop.bytesReceived > 0) data[1].add(hop.bytesReceived);
  }

  private series(
    hop: Hop,
    name: string | undefined,
    userTags: Record<string, string> | undefined,
    expected: boolean | undefined,
    vuTags: Tags,
  ): SeriesSet {
    let byKey = this.cache.get(vuTags);
    if (!byKey) this.cache.set(vuTags, (byKey = new Map()));
    let key = `${hop.method} ${hop.status} ${expected} ${hop.errorCode} ${hop.proto} ${hop.tlsVersion} ${hop.remoteIp} ${name ?? ''}\n${hop.url}\n${hop.error}`;
    if (userTags) for (const k in userTags) key += `\n${k}\n${userTags[k]}`;
    let set = byKey.get(key);
    if (!set) {
      if (byKey.size >= MAX_TAG_SETS) byKey.clear();
      const tags = { ...vuTags, ...this.tags(hop, name, userTags, expected) };
      const store = this.vu.host.store;
      set = this.defs.map((d) => store.series(d, tags));
      byKey.set(key, set);
    }
    return set;
  }

  private tags(hop: Hop, name: string | undefined, userTags: Record<string, string> | undefined, expected: boolean | undefined): Tags {
    const system = this.vu.host.options?.systemTags ?? DEFAULT_SYSTEM_TAGS;
    const t: Record<string, string> = {};
    if (system.includes('proto') && hop.proto) t.proto = hop.proto;
    if (system.includes('status')) t.status = String(hop.status);
    if (system.includes('method')) t.method = hop.method;
    if (system.includes('url')) t.url = hop.url;
    if (system.includes('name')) t.name = name ?? hop.url;
    if (expected !== undefined && system.includes('expected_response')) t.expected_response = String(expected);
    if (hop.errorCode && system.includes('error_code')) t.error_code = String(hop.errorCode);
    if (hop.error && system.includes('error')) t.error = hop.error;
    if (hop.tlsVersion && system.includes('tls_version')) t.tls_version = hop.tlsVersion;
    if (hop.remoteIp && system.includes('ip')) t.ip = hop.remoteIp;
    if (userTags) Object.assign(t, userTags);
    return t;
  }
}
