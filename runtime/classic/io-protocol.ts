/**
 * Messages between a classic VU (blocked on its port) and the process's I/O thread. All
 * structured-clone data; one port per VU, so a reply always reaches the VU that asked.
 */
import type { MessagePort } from 'node:worker_threads';
import type { MetricType, Tags, ValueType } from '../metrics/metric.ts';
import type { VUPhase } from '../vu-context/context.ts';
import type { PackedMessages } from './message-wire.ts';

/** `new module[target](...args)`, `object[method](...args)` on a handle, or `module[target](...args)` */
export interface CallRequest {
  readonly id: number;
  readonly op: 'new' | 'call' | 'function';
  readonly module: string;
  /** export name ('new', 'function') or object handle ('call') */
  readonly target: string | number;
  readonly method?: string;
  readonly args: unknown[];
  /** the VU's phase and current tags when it called: the module checks one and tags metrics with the other */
  readonly phase: VUPhase;
  readonly tags: Tags;
}

export type IoRequest = CallRequest | { readonly op: 'cancel'; readonly id: number } | { readonly op: 'close' };

/** A metric sample the module made during the call, emitted by the VU with its own tags. */
export type Sample = readonly [name: string, type: MetricType, contains: ValueType, value: number, tags: Tags | null];

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** xk6-kafka's numeric error code */
  readonly code?: number;
  /** a StreamprobeError's exit code (e.g. 111: brokers unreachable) */
  readonly exitCode?: number;
}

export interface IoReply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  /** instead of `value`: an array of consumed messages, packed (message-wire.ts) */
  readonly messages?: PackedMessages;
  /** 'new': the methods of the object created */
  readonly methods?: string[];
  readonly error?: SerializedError;
  readonly samples: Sample[];
}

/** What the VU tells the I/O thread about itself when it attaches its port. */
export interface VUIdentity {
  readonly id: number;
  readonly idInTest: number;
  readonly env: Record<string, string>;
  readonly scriptPath: string;
}

/** Sent to the I/O thread (or over a connector port to it) to serve one more VU. */
export interface AttachMessage {
  readonly type: 'attach';
  readonly port: MessagePort;
  readonly cells: Int32Array;
  readonly vu: VUIdentity;
}

/** 'peer': (to the first I/O thread) a port to another I/O thread, which serves the VUs ioThreadOf gives it */
export type ToIoThread =
  | AttachMessage
  | { readonly type: 'connector' | 'peer'; readonly port: MessagePort }
  | { readonly type: 'shutdown' };

/** An I/O thread's workerData. */
export interface IoThreadData {
  readonly modules: readonly string[];
  readonly verbose: boolean;
  /** the first thread: every attach reaches it, and it alone warns once per process */
  readonly first: boolean;
}
