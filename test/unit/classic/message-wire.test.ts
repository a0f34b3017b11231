/** consume() replies packed for a classic VU: the VU gets what a structured clone of the messages would give. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { packedTransfers, packMessages, unpackMessages, type PackedMessages } from '../../../runtime/classic/message-wire.ts';

/** through a real port, as the I/O thread sends it */
function send<T>(value: T, transfer: ArrayBuffer[] = []): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value, transfer);
  const m = receiveMessageOnPort(port2)!.message as T;
  port1.close();
  return m;
}

function roundTrip(messages: unknown): Record<string, unknown>[] {
  const packed = packMessages(messages)!;
  assert.ok(packed, 'packed');
  return unpackMessages(send<PackedMessages>(packed, packedTransfers(packed))) as unknown as Record<string, unknown>[];
}

const fetched = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
const empty = {};
const message = (offset: number, extra: Record<string, unknown>) => ({
  topic: 't',
  partition: 2,
  offset,
  time: '2026-11-30T23:00:00Z',
  highWaterMark: 10,
  headers: empty,
  visibleAt: 1764543600123.5,
  ...extra,
});

describe('message-wire', () => {
  it('rebuilds messages equal to their clone, in key order, with absent and empty keys', () => {
    const messages: Record<string, unknown>[] = [
      message(0, { key: fetched.subarray(0, 2), value: fetched.subarray(2, 5) }),
      message(1, { value: Buffer.from('hé') }),
      message(2, { key: new Uint8Array(0) }),
      { ...message(3, {}), headers: { h: fetched.subarray(5, 6) }, topic: 'other' },
    ];
    const got = roundTrip(messages);
    assert.deepStrictEqual(got, send(messages));
    assert.deepStrictEqual(
      got.map((m) => Object.keys(m as object)),
      send(messages).map((m) => Object.keys(m)),
    );
    assert.equal(Object.getPrototypeOf(got[1]!.value), Uint8Array.prototype);
  });

  it('keeps a header object shared by messages shared, as a clone does', () => {
    const got = roundTrip([message(0, {}), message(1, {})]);
    assert.equal(got[0]!.headers, got[1]!.headers);
  });

  it('leaves other values to structured clone', () => {
    for (const other of [
      [],
      [1, 2],
      'text',
      [message(0, { key: undefined })],
      [message(0, { value: new Uint16Array(2) })],
      [message(0, { value: 'text' })],
      [{ ...message(0, {}), extra: 1 }],
      [(({ offset, ...rest }) => ({ ...rest, offset }))(message(0, {}))],
      [message(0, { value: fetched, key: fetched })],
      [{ ...message(0, {}), offset: '1' }],
    ]) {
      assert.equal(packMessages(other), undefined, JSON.stringify(other));
    }
  });
});
