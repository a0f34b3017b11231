import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyError, RequestTimeoutError, statusErrorCode } from '../../../runtime/modules/k6/http/error-codes.ts';

describe('k6/http error codes', () => {
  it("k6's error codes for network errors", () => {
    const code = (c: string) => classifyError(Object.assign(new Error(c), { code: c }), '127.0.0.1:1').code;
    assert.equal(code('ECONNREFUSED'), 1212);
    assert.equal(code('UND_ERR_CONNECT_TIMEOUT'), 1211);
    assert.equal(code('ENOTFOUND'), 1101);
    assert.equal(code('EAI_AGAIN'), 1100);
    assert.equal(code('ECONNRESET'), 1220);
    assert.equal(code('EPIPE'), 1201);
    assert.equal(code('DEPTH_ZERO_SELF_SIGNED_CERT'), 1310);
    assert.equal(code('ERR_TLS_CERT_ALTNAME_INVALID'), 1311);
    assert.equal(code('SOMETHING_ELSE'), 1000);
    assert.deepEqual(classifyError(new RequestTimeoutError(), 'h:80'), { code: 1050, message: 'request timeout' });
    assert.equal(
      classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), '127.0.0.1:1').message,
      'dial tcp 127.0.0.1:1: connect: connection refused',
    );
  });
  it('4xx and 5xx statuses carry error code 1000 + status', () => {
    assert.equal(statusErrorCode(404), 1404);
    assert.equal(statusErrorCode(503), 1503);
    assert.equal(statusErrorCode(302), 0);
  });
});
