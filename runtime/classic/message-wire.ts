/**
 * consume()'s messages in one piece from the I/O thread to a classic VU. Structured clone of 200
 * message objects tags every property and re-sends every repeated string: most of a consume call's
 * cost outside Kafka, on both threads (bench/classic/call-cost.ts). Here numbers, string indexes and
 * byte ranges travel as typed arrays and the bytes as one buffer (transferred, not copied), repeated
 * strings and header objects once; the VU rebuilds objects of the same shape, key order and values.
 * An array of any other shape is not packed and is cloned as before. (produce()'s messages packed the
 * same way measured no gain: its cost is the Kafka work.)
 */

/** The keys of a consumed message in order (modules/k6/x/kafka/consumed-message.ts), then optional key and value. */
const FIXED = ['topic', 'partition', 'offset', 'time', 'highWaterMark', 'headers', 'visibleAt'] as const;
const REFS = 7; // topic, time, headers, key start, key length, value start, value length
const NUMBERS = 4; // partition, offset, highWaterMark, visibleAt
const ABSENT = -1;

export interface PackedMessages {
  readonly strings: string[];
  /** distinct header objects (shared ones stay shared, as structured clone keeps them) */
  readonly headers: object[];
  readonly refs: Int32Array;
  readonly numbers: Float64Array;
  readonly bytes: ArrayBuffer;
}

interface Message {
  topic: string;
  partition: number;
  offset: number;
  time: string;
  highWaterMark: number;
  headers: object;
  visibleAt: number;
  key?: Uint8Array;
  value?: Uint8Array;
}

/** The packed form of `value` when it is an array of consumed messages, else undefined. */
export function packMessages(value: unknown): PackedMessages | undefined {
  if (!denseArrayOf(value, isMessage)) return undefined;
  const messages = value as Message[];
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const headers: object[] = [];
  const headerIndex = new Map<object, number>();
  let size = 0;
  for (const m of messages) size += (m.key?.byteLength ?? 0) + (m.value?.byteLength ?? 0);
  const bytes = new Uint8Array(size);
  const refs = new Int32Array(messages.length * REFS);
  const numbers = new Float64Array(messages.length * NUMBERS);
  let at = 0;
  const put = (view: Uint8Array | undefined, r: number) => {
    if (!view) return void (refs[r] = ABSENT);
    bytes.set(view, at);
    refs[r] = at;
    refs[r + 1] = view.byteLength;
    at += view.byteLength;
  };
  messages.forEach((m, i) => {
    let h = headerIndex.get(m.headers);
    if (h === undefined) headerIndex.set(m.headers, (h = headers.push(m.headers) - 1));
    const r = i * REFS;
    refs[r] = str(m.topic);
    refs[r + 1] = str(m.time);
    refs[r + 2] = h;
    put(m.key, r + 3);
    put(m.value, r + 5);
    const n = i * NUMBERS;
    numbers[n] = m.partition;
    numbers[n + 1] = m.offset;
    numbers[n + 2] = m.highWaterMark;
    numbers[n + 3] = m.visibleAt;
  });
  return { strings, headers, refs, numbers, bytes: bytes.buffer };
}

/** What postMessage may move instead of copying. */
export function packedTransfers(p: {
  readonly refs: Int32Array;
  readonly bytes: ArrayBuffer;
  readonly numbers?: Float64Array;
}): ArrayBuffer[] {
  return [p.bytes, p.refs.buffer as ArrayBuffer, ...(p.numbers ? [p.numbers.buffer as ArrayBuffer] : [])];
}

export function unpackMessages(p: PackedMessages): Message[] {
  const { strings, headers, refs, numbers, bytes } = p;
  const count = refs.length / REFS;
  const out = new Array<Message>(count);
  for (let i = 0; i < count; i++) {
    const r = i * REFS;
    const n = i * NUMBERS;
    const m: Message = {
      topic: strings[refs[r]!]!,
      partition: numbers[n]!,
      offset: numbers[n + 1]!,
      time: strings[refs[r + 1]!]!,
      highWaterMark: numbers[n + 2]!,
      headers: headers[refs[r + 2]!]!,
      visibleAt: numbers[n + 3]!,
    };
    if (refs[r + 3] !== ABSENT) m.key = new Uint8Array(bytes, refs[r + 3], refs[r + 4]);
    if (refs[r + 5] !== ABSENT) m.value = new Uint8Array(bytes, refs[r + 5], refs[r + 6]);
    out[i] = m;
  }
  return out;
}

function isMessage(m: unknown): boolean {
  if (!isPlainObject(m)) return false;
  const o = m as Record<string, unknown>;
  const keys = Object.keys(o);
  for (let i = 0; i < FIXED.length; i++) if (keys[i] !== FIXED[i]) return false;
  const rest = keys.slice(FIXED.length).join();
  if (rest !== '' && rest !== 'key' && rest !== 'value' && rest !== 'key,value') return false;
  // a key or value present is bytes (an own `undefined` would be lost)
  if (keys.length > FIXED.length && !keys.slice(FIXED.length).every((k) => isBytes(o[k]))) return false;
  const h = o.headers;
  return (
    typeof o.topic === 'string' &&
    typeof o.partition === 'number' &&
    typeof o.offset === 'number' &&
    typeof o.time === 'string' &&
    typeof o.highWaterMark === 'number' &&
    typeof o.visibleAt === 'number' &&
    isPlainObject(h)
  );
}

/** a Uint8Array or a Buffer (which a clone turns into a Uint8Array too); other views are cloned as what they are */
function isBytes(v: unknown): boolean {
  return v instanceof Uint8Array && (v.constructor === Uint8Array || Buffer.isBuffer(v));
}

function denseArrayOf(value: unknown, test: (m: unknown) => boolean): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!(i in value) || !test(value[i])) return false;
  return true;
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}
