/** k6's http_req_* metrics, http_reqs, http_req_failed and data_sent/received for each hop of a request. */
import {
  DATA_RECEIVED, DATA_SENT, HTTP_REQ_BLOCKED, HTTP_REQ_CONNECTING, HTTP_REQ_DURATION, HTTP_REQ_FAILED,
  HTTP_REQ_RECEIVING, HTTP_REQ_SENDING, HTTP_REQ_TLS_HANDSHAKING, HTTP_REQ_WAITING, HTTP_REQS,
} from '../../../metrics/builtin.ts';
import type { MetricDef, Tags } from '../../../metrics/metric.ts';
import { DEFAULT_SYSTEM_TAGS } from '../../../options/values.ts';
import type { VU } from '../../../vu/vu.ts';
import { isExpectedStatus, type ResponseCallbackData } from './expected-statuses.ts';
import type { Hop } from './types.ts';

/** Bounds the interned tag sets of one VU (unique URLs without a `name` tag would grow it forever). */
const MAX_TAG_SETS = 10_000;

export class HttpMetrics {
  private readonly defs: MetricDef[];
  private readonly tagSets = new Map<string, Tags>();

  constructor(private readonly vu: VU) {
    this.defs = [HTTP_REQS, HTTP_REQ_FAILED, HTTP_REQ_DURATION, HTTP_REQ_BLOCKED, HTTP_REQ_CONNECTING, HTTP_REQ_TLS_HANDSHAKING,
      HTTP_REQ_SENDING, HTTP_REQ_WAITING, HTTP_REQ_RECEIVING, DATA_SENT, DATA_RECEIVED].map((d) => vu.defineMetric(d.name, d.type, d.contains));
  }

  /** The expected_response verdict for a hop: undefined when the callback is null (k6 then emits no http_req_failed). */
  static expected(hop: Hop, callback: ResponseCallbackData | null): boolean | undefined {
    if (callback === null) return undefined;
    return hop.responded && isExpectedStatus(callback, hop.status);
  }

  /**
   * `vuTags` are the VU's tags when the request started (its group, scenario): a request that
   * outlives a group() still counts in that group, as in k6.
   */
  emit(hop: Hop, name: string | undefined, userTags: Record<string, string> | undefined, callback: ResponseCallbackData | null, vuTags: Tags): void {
    const expected = HttpMetrics.expected(hop, callback);
    const tags = this.tags(hop, name, userTags, expected);
    const store = this.vu.host.store;
    // the VU's cached series (fast) while its tags are still those of the request's start
    const vu = this.vu.currentTags() === vuTags
      ? this.vu
      : { emit: (def: MetricDef, value: number, extra?: Tags) => store.add(def, extra ? { ...vuTags, ...extra } : vuTags, value) };
    const [reqs, failed, duration, blocked, connecting, tls, sending, waiting, receiving, sent, received] = this.defs as [
      MetricDef, MetricDef, MetricDef, MetricDef, MetricDef, MetricDef, MetricDef, MetricDef, MetricDef, MetricDef, MetricDef,
    ];
    const t = hop.timings;
    vu.emit(reqs, 1, tags);
    if (expected !== undefined) vu.emit(failed, expected ? 0 : 1, tags);
    vu.emit(duration, t.duration, tags);
    vu.emit(blocked, t.blocked, tags);
    vu.emit(connecting, t.connecting, tags);
    vu.emit(tls, t.tls_handshaking, tags);
    vu.emit(sending, t.sending, tags);
    vu.emit(waiting, t.waiting, tags);
    vu.emit(receiving, t.receiving, tags);
    if (hop.bytesSent > 0) vu.emit(sent, hop.bytesSent);
    if (hop.bytesReceived > 0) vu.emit(received, hop.bytesReceived);
  }

  /** One frozen object per distinct tag set, so the VU reuses its cached series. */
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
    let key = '';
    for (const k in t) key += k + '\0' + t[k] + '\0';
    let interned = this.tagSets.get(key);
    if (!interned) {
      if (this.tagSets.size >= MAX_TAG_SETS) this.tagSets.clear();
      this.tagSets.set(key, (interned = Object.freeze(t)));
    }
    return interned;
  }
}
