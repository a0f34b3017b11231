import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeBody, file, FileData } from '../../../runtime/modules/k6/http/body.ts';

const text = (b: ArrayBuffer | string | null) => (typeof b === 'string' ? b : b === null ? null : Buffer.from(b).toString());

describe('request body encoding', () => {
  it('sends strings as they are and no body for null/undefined', () => {
    assert.deepEqual(encodeBody('raw'), { body: 'raw' });
    assert.deepEqual(encodeBody(null), { body: null });
    assert.deepEqual(encodeBody(undefined), { body: null });
  });

  it('sends ArrayBuffers and typed arrays as bytes', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    assert.deepEqual([...new Uint8Array(encodeBody(bytes.buffer).body as ArrayBuffer)], [1, 2, 3, 4]);
    assert.deepEqual([...new Uint8Array(encodeBody(bytes.subarray(1, 3)).body as ArrayBuffer)], [2, 3]);
  });

  it('encodes an object as a form, keys sorted like Go', () => {
    const e = encodeBody({ b: 'x y', a: 1, c: '&' });
    assert.equal(e.body, 'a=1&b=x+y&c=%26');
    assert.equal(e.contentType, 'application/x-www-form-urlencoded');
  });

  it('encodes an object with http.file() values as multipart', () => {
    const e = encodeBody({ field: 'v', upload: file('file-bytes', 'a.txt', 'text/plain') });
    const boundary = /boundary=(\S+)/.exec(e.contentType!)![1]!;
    assert.equal(
      text(e.body),
      `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nv\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nfile-bytes\r\n` +
        `--${boundary}--\r\n`,
    );
  });

  it('http.file() defaults the content type and takes binary data', () => {
    const f = file(new Uint8Array([9]));
    assert.ok(f instanceof FileData);
    assert.equal(f.content_type, 'application/octet-stream');
    assert.throws(() => file(42), /data must be a string, an ArrayBuffer or a typed array/);
  });
});
