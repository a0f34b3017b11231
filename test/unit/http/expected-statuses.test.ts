import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedStatuses, isExpectedStatus, toResponseCallback } from '../../../runtime/modules/k6/http/expected-statuses.ts';

describe('http.expectedStatuses', () => {
  it('expectedStatuses: single statuses and ranges', () => {
    const cb = expectedStatuses(201, { min: 400, max: 404 });
    assert.ok(isExpectedStatus(cb, 201));
    assert.ok(isExpectedStatus(cb, 404));
    assert.ok(!isExpectedStatus(cb, 200));
    assert.throws(() => expectedStatuses('200'), /argument 1 must be an integer status or an object \{min, max\}/);
    assert.equal(toResponseCallback(null, 'x'), null);
    assert.throws(() => toResponseCallback(() => true, 'x'), /only the result of http.expectedStatuses\(\) or null/);
  });
});
