import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentilesOf } from '../../../runtime/summary/trend-stats.ts';

test('the percentiles of the p(N) trend stats, in order; other stats ask for none', () => {
  assert.deepEqual(percentilesOf(['avg', 'min', 'med', 'p(90)', 'p(99.9)', 'count']), [90, 99.9]);
  assert.deepEqual(percentilesOf([]), []);
});
