/** Request bodies as k6 encodes them: strings as is, objects as a form, `http.file()` values as multipart. */
import { randomBytes } from 'node:crypto';

/** `http.file(data, filename, contentType)` */
export class FileData {
  constructor(
    readonly data: string | ArrayBuffer,
    readonly filename: string | undefined,
    readonly content_type: string,
  ) {}
}

export function file(data: unknown, filename?: string, contentType?: string): FileData {
  const bytes = typeof data === 'string' ? data : toArrayBuffer(data);
  if (bytes === undefined) throw new TypeError('http.file(): data must be a string, an ArrayBuffer or a typed array');
  return new FileData(bytes, filename, contentType || 'application/octet-stream');
}

export function toArrayBuffer(value: unknown): ArrayBuffer | undefined {
  if (value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  return undefined;
}

export interface EncodedBody {
  body: ArrayBuffer | string | null;
  /** set when the encoding implies one and the script gave none */
  contentType?: string;
}

export function encodeBody(body: unknown): EncodedBody {
  if (body === undefined || body === null) return { body: null };
  if (typeof body === 'string') return { body };
  const bytes = toArrayBuffer(body);
  if (bytes) return { body: bytes };
  if (typeof body !== 'object') return { body: String(body) };
  const fields = body as Record<string, unknown>;
  if (Object.values(fields).some((v) => v instanceof FileData)) return multipart(fields);
  // Go's url.Values.Encode: sorted by key
  const form = new URLSearchParams();
  for (const key of Object.keys(fields).sort()) form.append(key, formValue(fields[key]));
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

function formValue(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function multipart(fields: Record<string, unknown>): EncodedBody {
  const boundary = randomBytes(30).toString('hex');
  const parts: Buffer[] = [];
  const quote = (s: string) => s.replace(/[\\"]/g, (c) => '\\' + c);
  for (const key of Object.keys(fields).sort()) {
    const v = fields[key];
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(key)}"`;
    let data: Buffer;
    if (v instanceof FileData) {
      head += `; filename="${quote(v.filename ?? key)}"\r\nContent-Type: ${v.content_type}`;
      data = typeof v.data === 'string' ? Buffer.from(v.data) : Buffer.from(v.data);
    } else data = Buffer.from(formValue(v));
    parts.push(Buffer.from(head + '\r\n\r\n'), data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const all = Buffer.concat(parts);
  return { body: toArrayBuffer(all)!, contentType: `multipart/form-data; boundary=${boundary}` };
}
