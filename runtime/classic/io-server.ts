/**
 * The I/O thread's work: one context per attached VU, in which the ordinary async module code
 * (k6/x/kafka, …) runs the VU's calls. A reply is posted on the VU's port, then the VU is woken.
 * Metrics the module emits travel back with the reply; the VU emits them with its own tags.
 */
import type { MessagePort } from 'node:worker_threads';
import type { MetricDef, MetricType, Tags, ValueType } from '../metrics/metric.ts';
import type { Logger, SharedResources, VUContext, VUPhase } from '../vu-context/context.ts';
import { CLOSE_GRACE_MS } from '../vu/shared-resources.ts';
import type { CallRequest, IoReply, IoRequest, Sample, VUIdentity } from './io-protocol.ts';
import { packedTransfers, packMessages } from './message-wire.ts';
import { serializeError } from './remote-object.ts';
import { wake } from './wake-cells.ts';

export type ModuleFactory = (vu: VUContext) => Record<string, unknown>;

const ABORTED = AbortSignal.abort(new Error('the iteration was interrupted'));

interface Running {
  readonly id: number;
  readonly phase: VUPhase;
  readonly tags: Tags;
  readonly samples: Sample[];
  readonly controller: AbortController;
}

export class IoServer {
  private readonly clients = new Set<IoClient>();

  constructor(
    private readonly modules: Readonly<Record<string, ModuleFactory>>,
    private readonly shared: SharedResources & { closeAll(graceMs: number): Promise<boolean> },
    private readonly log: Logger,
  ) {}

  attach(port: MessagePort, cells: Int32Array, vu: VUIdentity): void {
    const client = new IoClient(vu, this.modules, this.shared, this.log, (reply) => {
      port.postMessage(reply, reply.messages && packedTransfers(reply.messages));
      wake(cells);
    });
    this.clients.add(client);
    port.on('message', (m: IoRequest) => {
      if (m.op === 'close') {
        this.clients.delete(client);
        port.close();
        void client.close();
      } else if (m.op === 'cancel') client.cancel(m.id);
      else void client.handle(m);
    });
  }

  /** Closes what the VUs left open, then the shared clients (producers, admins). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.clients].map((c) => c.close()));
    this.clients.clear();
    await this.shared.closeAll(CLOSE_GRACE_MS);
  }
}

/** One VU as the modules on the I/O thread see it. */
class IoClient implements VUContext {
  readonly id: number;
  readonly idInTest: number;
  readonly env: Readonly<Record<string, string>>;
  readonly scriptPath: string;
  private readonly exports = new Map<string, Record<string, unknown>>();
  private readonly objects = new Map<number, Record<string, unknown>>();
  private nextHandle = 1;
  /** the call in progress (a VU makes one at a time; a cancelled one may still be finishing) */
  private current: Running | undefined;

  constructor(
    vu: VUIdentity,
    private readonly modules: Readonly<Record<string, ModuleFactory>>,
    readonly shared: SharedResources,
    readonly log: Logger,
    private readonly reply: (r: IoReply) => void,
  ) {
    this.id = vu.id;
    this.idInTest = vu.idInTest;
    this.env = vu.env;
    this.scriptPath = vu.scriptPath;
  }

  get phase(): VUPhase {
    return this.current?.phase ?? 'iteration';
  }

  get signal(): AbortSignal {
    return this.current?.controller.signal ?? ABORTED;
  }

  defineMetric(name: string, type: MetricType, contains: ValueType = 'default'): MetricDef {
    return { name, type, contains };
  }

  emit(metric: MetricDef, value: number, tags?: Tags): void {
    this.current?.samples.push([metric.name, metric.type, metric.contains, value, tags ?? null]);
  }

  currentTags(): Tags {
    return this.current?.tags ?? {};
  }

  track<T>(p: Promise<T>): Promise<T> {
    return p;
  }

  async handle(req: CallRequest): Promise<void> {
    const running: Running = { id: req.id, phase: req.phase, tags: req.tags, samples: [], controller: new AbortController() };
    this.current = running;
    let reply: IoReply;
    try {
      const { value, methods } = await this.run(req);
      const messages = packMessages(value);
      if (messages) compactBytes(messages.headers);
      reply = messages
        ? { id: req.id, ok: true, messages, samples: running.samples }
        : { id: req.id, ok: true, value: compactBytes(value), methods, samples: running.samples };
    } catch (err) {
      reply = { id: req.id, ok: false, error: serializeError(err), samples: running.samples };
    }
    if (this.current === running) this.current = undefined;
    try {
      this.reply(reply);
    } catch (err) {
      this.reply({
        id: req.id,
        ok: false,
        error: serializeError(new Error(`the result cannot be returned to a classic VU: ${(err as Error).message}`)),
        samples: running.samples,
      });
    }
  }

  private async run(req: CallRequest): Promise<{ value: unknown; methods?: string[] }> {
    if (req.op === 'call') {
      const object = this.objects.get(req.target as number);
      const method = object?.[req.method!];
      if (typeof method !== 'function') throw new Error(`${req.method}() is not available on this object`);
      return { value: await method.apply(object, req.args) };
    }
    const exported = this.moduleExports(req.module)[req.target as string];
    if (typeof exported !== 'function') throw new Error(`"${String(req.target)}" is not exported by ${req.module}`);
    if (req.op === 'function') return { value: await exported(...req.args) };
    const object = new (exported as new (...a: unknown[]) => Record<string, unknown>)(...req.args);
    const handle = this.nextHandle++;
    this.objects.set(handle, object);
    return { value: handle, methods: methodNames(object) };
  }

  private moduleExports(name: string): Record<string, unknown> {
    let exports = this.exports.get(name);
    if (!exports) {
      const factory = this.modules[name];
      if (!factory) throw new Error(`module "${name}" has no classic-mode implementation`);
      exports = factory(this);
      this.exports.set(name, exports);
    }
    return exports;
  }

  /** The VU was interrupted while waiting: its call stops as an interrupted iteration does. */
  cancel(id: number): void {
    if (this.current?.id !== id) return;
    this.current.controller.abort(new Error('the iteration was interrupted'));
    this.current = undefined;
  }

  /** Closes the objects the VU left open (a group reader leaves its group). */
  async close(): Promise<void> {
    const objects = [...this.objects.values()];
    this.objects.clear();
    await Promise.allSettled(objects.map(async (o) => (typeof o.close === 'function' ? o.close() : undefined)));
  }
}

function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(object); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p))
      if (n !== 'constructor' && typeof (p as Record<string, unknown>)[n] === 'function') names.add(n);
  }
  for (const n of Object.keys(object)) if (typeof (object as Record<string, unknown>)[n] === 'function') names.add(n);
  return [...names];
}

/**
 * Structured clone sends a byte view's whole underlying buffer (once per buffer per message).
 * Records read from one fetch share its response buffer: it is sent as is when the reply uses
 * most of it, and views into a mostly unused buffer (one record of a large fetch) are copied out.
 */
export function compactBytes(value: unknown): unknown {
  const used = new Map<ArrayBufferLike, number>();
  walkBytes(value, (view) => {
    used.set(view.buffer, (used.get(view.buffer) ?? 0) + view.byteLength);
    return view;
  });
  return walkBytes(value, (view) => (used.get(view.buffer)! * 2 < view.buffer.byteLength ? new Uint8Array(view) : view));
}

/** Replaces every Uint8Array in arrays and plain objects (in place) with `visit`'s result. */
function walkBytes(value: unknown, visit: (view: Uint8Array) => Uint8Array): unknown {
  if (value instanceof Uint8Array) return visit(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = walkBytes(value[i], visit);
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = walkBytes(o[k], visit);
  }
  return value;
}
