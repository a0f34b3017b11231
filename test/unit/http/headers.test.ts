import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalHeaderKey, headerObject } from '../../../runtime/modules/k6/http/headers.ts';

describe('k6/http headers', () => {
  it('canonical header keys like Go', () => {
    assert.equal(canonicalHeaderKey('content-type'), 'Content-Type');
    assert.equal(canonicalHeaderKey('X-REQUEST-ID'), 'X-Request-Id');
    assert.equal(canonicalHeaderKey('bad header'), 'bad header');
    assert.deepEqual(
      headerObject([
        ['set-cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['etag', 'x'],
      ]),
      { 'Set-Cookie': 'a=1, b=2', Etag: 'x' },
    );
  });
});
