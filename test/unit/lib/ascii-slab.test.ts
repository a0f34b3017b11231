import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsciiSlab, asciiBytes, asciiText } from '../../../lib/ascii-slab.ts';

test('ASCII text and bytes round-trip, also beyond one fromCharCode chunk', () => {
  assert.deepEqual([...asciiBytes('{"a":1}')], [123, 34, 97, 34, 58, 49, 125]);
  const long = 'x'.repeat(20_000) + 'y';
  assert.equal(asciiText(asciiBytes(long)), long);
  assert.equal(asciiText(new Uint8Array(0)), '');
});

test('records stay valid when the slab fills and a new one starts', () => {
  const slab = new AsciiSlab();
  const records: [string, Uint8Array][] = [];
  for (let i = 0; i < 3000; i++) {
    const text = `{"n":${i},"pad":"${'p'.repeat(i % 50)}"}`;
    records.push([text, slab.text(text)]);
  }
  const big = 'z'.repeat(100_000);
  records.push([big, slab.text(big)]);
  for (const [text, bytes] of records) assert.equal(asciiText(bytes), text);
});

test('reserve hands out room at `at`, which the writer commits', () => {
  const slab = new AsciiSlab();
  const buf = slab.reserve(3);
  buf.set(asciiBytes('abc'), slab.at);
  const first = buf.subarray(slab.at, slab.at + 3);
  slab.at += 3;
  assert.equal(asciiText(slab.text('de')), 'de');
  assert.equal(asciiText(first), 'abc');
});
