/**
 * The VU's side of k6/http: turns script arguments into RequestSpecs, hands them to the runner,
 * and turns results into Responses and metrics. Everything after the runner is synchronous, so
 * the same code serves async mode (promises) and classic mode (a blocking runner).
 */
import type { Tags } from '../../../metrics/metric.ts';
import type { CoreModuleVU } from '../../../vu-context/core-module-vu.ts';
import { HttpURL, prepareRequest, type PreparedRequest, type RequestDefaults } from './args.ts';
import { emptyJar } from './cookie-jar.ts';
import { DEFAULT_RESPONSE_CALLBACK, type ResponseCallbackData } from './expected-statuses.ts';
import { HttpMetrics } from './http-metrics.ts';
import { httpOptions, type HttpOptions } from './http-options.ts';
import { Response } from './response.ts';
import type { RequestRunner } from './runner.ts';
import { CookieJar } from './script-jar.ts';
import type { RequestResult } from './types.ts';

type MaybePromise<T> = T | Promise<T>;

function then<T, U>(value: MaybePromise<T>, f: (v: T) => U): MaybePromise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** A prepared request and the VU's tags when it was made. */
type Prepared = PreparedRequest & { vuTags: Tags };

export type BatchInput = unknown[] | Record<string, unknown>;

export class VUHttp {
  readonly jar = new CookieJar();
  private callback: ResponseCallbackData | null = DEFAULT_RESPONSE_CALLBACK;
  private readonly metrics: HttpMetrics;
  private iteration = -1;
  private options: HttpOptions | undefined;
  private runnerInstance: RequestRunner | undefined;
  /** rebuilt when the callback or the jar changes */
  private requestDefaults: RequestDefaults | undefined;

  constructor(
    private readonly vu: CoreModuleVU,
    /** called at the first request, when the test's options are known */
    private readonly makeRunner: () => RequestRunner,
  ) {
    this.metrics = new HttpMetrics(vu);
  }

  setResponseCallback(callback: ResponseCallbackData | null): void {
    this.callback = callback;
    this.requestDefaults = undefined;
  }

  request(method: unknown, url: unknown, body: unknown, params: unknown): MaybePromise<Response> {
    const p = this.prepare(method, url, body, params, 'Making http requests');
    if (p.invalid) return this.failed(p);
    const res = then(this.runner.run(p.spec), (r) => this.finish(p, r));
    return res instanceof Promise ? this.vu.track(res) : res;
  }

  asyncRequest(method: unknown, url: unknown, body: unknown, params: unknown): Promise<Response> {
    // in the init context it throws where it is called, like the other request functions
    if (this.vu.phase === 'init') throw new Error('Making http requests in the init context is not supported');
    try {
      const p = this.prepare(method, url, body, params, 'Making http requests');
      if (p.invalid) return Promise.resolve(this.failed(p));
      return this.vu.track(this.runner.runAsync(p.spec).then((r) => this.finish(p, r)));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** `http.batch([...])` or `http.batch({ name: req })`: responses in the same shape. */
  batch(requests: BatchInput): MaybePromise<Response[] | Record<string, Response>> {
    if (this.vu.phase === 'init') throw new Error('Using batch in the init context is not supported');
    if (typeof requests !== 'object' || requests === null) throw new TypeError('http.batch() takes an array or an object of requests');
    const keys = Object.keys(requests);
    const items = keys.map((k) => this.batchItem((requests as Record<string, unknown>)[k], k));
    const toSend = items.filter((p) => !p.invalid);
    const { batch, batchPerHost } = this.opts();
    const limits = { batch, batchPerHost };
    const done = then(
      this.runner.runMany(
        toSend.map((p) => p.spec),
        limits,
      ),
      (results) => {
        let next = 0;
        const responses = items.map((p) => (p.invalid ? this.failed(p) : this.finish(p, results[next++]!)));
        if (Array.isArray(requests)) return responses;
        return Object.fromEntries(keys.map((k, i) => [k, responses[i]!]));
      },
    );
    return done instanceof Promise ? this.vu.track(done) : done;
  }

  /** The VU's jar (`http.cookieJar()`); k6 empties it at every iteration unless noCookiesReset. */
  cookieJar(): CookieJar {
    if (this.vu.phase === 'init') throw new Error('Making cookie jars in the init context is not supported');
    this.onIteration();
    return this.jar;
  }

  private batchItem(item: unknown, key: string): Prepared {
    if (typeof item === 'string' || item instanceof HttpURL) {
      return this.prepare('GET', item, null, undefined, 'Using batch');
    }
    if (Array.isArray(item)) {
      const [method, url, body, params] = item as unknown[];
      return this.prepare(method, url, body, params, 'Using batch');
    }
    if (typeof item === 'object' && item !== null) {
      const r = item as { method?: unknown; url?: unknown; body?: unknown; params?: unknown };
      if (r.url === undefined) throw new TypeError(`http.batch(): request ${key} has no url`);
      return this.prepare(r.method ?? 'GET', r.url, r.body ?? null, r.params, 'Using batch');
    }
    throw new TypeError(
      `http.batch(): request ${key} must be a URL string, an array [method, url, body, params] or an object {method, url, body, params}`,
    );
  }

  private prepare(method: unknown, url: unknown, body: unknown, params: unknown, what: string): Prepared {
    if (this.vu.phase === 'init') throw new Error(`${what} in the init context is not supported`);
    this.onIteration();
    const p = prepareRequest(method, url, body, params, (this.requestDefaults ??= this.defaults())) as Prepared;
    p.vuTags = this.vu.currentTags();
    return p;
  }

  private get runner(): RequestRunner {
    return (this.runnerInstance ??= this.makeRunner());
  }

  /** read once the test runs (the options are not known during the options pass) */
  private opts(): HttpOptions {
    return (this.options ??= httpOptions(this.vu));
  }

  private defaults(): RequestDefaults {
    const o = this.opts();
    return {
      userAgent: o.userAgent,
      maxRedirects: o.maxRedirects,
      responseType: o.discardResponseBodies ? 'none' : 'text',
      callback: this.callback,
      jar: this.jar.data,
    };
  }

  /** k6's per-iteration resets: a fresh cookie jar, and new connections under noVUConnectionReuse. */
  private onIteration(): void {
    const iteration = this.vu.iterationInInstance;
    if (iteration === this.iteration) return;
    const first = this.iteration === -1;
    this.iteration = iteration;
    const o = this.opts();
    if (!o.noCookiesReset) {
      this.jar.data = emptyJar();
      this.requestDefaults = undefined;
    }
    if (!first && o.noVUConnectionReuse) this.runnerInstance?.resetConnections();
  }

  private finish(p: Prepared, result: RequestResult): Response {
    if (result.interrupted) return new Response(p.spec, result);
    for (const hop of result.hops) this.metrics.emit(hop, p.name, p.tags, p.callback, p.vuTags);
    if (p.spec.jar && result.jar && result.jar !== p.spec.jar) p.spec.jar.cookies = result.jar.cookies;
    const res = new Response(p.spec, result);
    if (result.redirectLimitHit) {
      this.vu.log.warn(
        `Stopped after ${p.spec.maxRedirects} redirects and returned the redirection; pass { redirects: n } in request params or set global maxRedirects option`,
      );
    }
    if (res.error) this.reportFailure(p, res.error);
    return res;
  }

  private failed(p: Prepared): Response {
    this.reportFailure(p, p.invalid!.error);
    return new Response(p.spec, undefined, p.invalid);
  }

  /** k6 logs a failed request as a warning, or throws it with the `throw` option. */
  private reportFailure(p: Prepared, error: string): void {
    const message = `${p.spec.method} "${p.spec.url}": ${error}`;
    if (this.opts().throw) throw new Error(message);
    this.vu.log.warn(`Request Failed error="${message}"`);
  }
}
