import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRfc3339 } from '../../../runtime/modules/k6/x/kafka/time-format.ts';

describe('time format', () => {
  it('formats RFC3339 and RFC3339Nano as Go does', () => {
    assert.equal(formatRfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 120), false), '2024-01-02T03:04:05Z');
    assert.equal(formatRfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 120), true), '2024-01-02T03:04:05.12Z');
    assert.equal(formatRfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 0), true), '2024-01-02T03:04:05Z');
  });
});
