/**
 * Objects whose methods run on the I/O thread: `new Writer(config)` in a classic VU creates the
 * real Writer there and gives the script an object whose methods block until the real ones
 * settle. Samples the call made are emitted here, with this VU's tags at the time of the call.
 */
import { StreamprobeError, type ExitCodeValue } from '../errors.ts';
import type { Tags } from '../metrics/metric.ts';
import type { CoreModuleVU } from '../vu-context/core-module-vu.ts';
import type { BlockingClient } from './blocking-client.ts';
import type { CallRequest, IoReply, Sample, SerializedError } from './io-protocol.ts';
import { unpackMessages } from './message-wire.ts';

export class RemoteCalls {
  /** one frozen object per tag set: the VU then reuses its series instead of keying every sample */
  private readonly tagSets = new Map<string, Tags>();

  constructor(
    private readonly client: BlockingClient,
    private readonly vu: CoreModuleVU,
    private readonly module: string,
  ) {}

  call(op: CallRequest['op'], target: string | number, method: string | undefined, args: unknown[], what: string): IoReply {
    const vu = this.vu;
    const reply = this.client.request({ op, module: this.module, target, method, args, phase: vu.phase, tags: vu.currentTags() }, what);
    this.emit(reply.samples);
    if (!reply.ok) throw rebuildError(reply.error!);
    return reply;
  }

  private emit(samples: readonly Sample[]): void {
    // a call's samples share one tags object (structured clone keeps shared references shared)
    let raw: Tags | null = null;
    let interned: Tags | undefined;
    for (const [name, type, contains, value, tags] of samples) {
      if (tags !== raw) {
        raw = tags;
        interned = tags ? this.intern(tags) : undefined;
      }
      this.vu.emit(this.vu.defineMetric(name, type, contains), value, interned);
    }
  }

  private intern(tags: Tags): Tags {
    const key = Object.entries(tags).join('\0');
    let interned = this.tagSets.get(key);
    if (!interned) this.tagSets.set(key, (interned = Object.freeze({ ...tags })));
    return interned;
  }
}

/** Methods that run in the VU itself (pure work such as serde): a local instance made from the same arguments. */
export interface LocalPart {
  create(args: unknown[]): Record<string, unknown>;
  readonly methods: readonly string[];
}

/** A constructor for the export `name`: frozen objects as xk6-kafka returns, methods proxied by handle. */
export function remoteClass(calls: RemoteCalls, name: string, local?: LocalPart): new (...args: unknown[]) => object {
  function RemoteObject(this: unknown, ...args: unknown[]): object {
    if (!new.target) throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`);
    const reply = calls.call('new', name, undefined, args, `new ${name}()`);
    const handle = reply.value as number;
    const object: Record<string, unknown> = {};
    for (const method of reply.methods ?? []) {
      object[method] = (...a: unknown[]) => replyValue(calls.call('call', handle, method, a, `${name}.${method}()`));
    }
    if (local) {
      const instance = local.create(args);
      for (const method of local.methods) object[method] = (instance[method] as (...a: unknown[]) => unknown).bind(instance);
    }
    return Object.freeze(object);
  }
  Object.defineProperty(RemoteObject, 'name', { value: name });
  return RemoteObject as unknown as new (
    ...args: unknown[]
  ) => object;
}

/** A module-level function of `calls`' module, run on the I/O thread. */
export function remoteFunction(calls: RemoteCalls, name: string): (...args: unknown[]) => unknown {
  return (...args) => replyValue(calls.call('function', name, undefined, args, `${name}()`));
}

/** A reply's value, packed messages rebuilt. */
export function replyValue(reply: IoReply): unknown {
  return reply.messages ? unpackMessages(reply.messages) : reply.value;
}

/** The I/O thread's error, thrown in the VU as the same kind of error (message, name, xk6-kafka code, exit code). */
export function rebuildError(e: SerializedError): Error {
  const err = e.exitCode !== undefined ? new StreamprobeError(e.message, e.exitCode as ExitCodeValue) : new Error(e.message);
  if (e.exitCode === undefined) err.name = e.name;
  if (e.code !== undefined) Object.assign(err, { code: e.code });
  return err;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const { code, exitCode } = err as { code?: unknown; exitCode?: unknown };
  return {
    name: err.name,
    message: err.message,
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof exitCode === 'number' ? { exitCode } : {}),
  };
}
