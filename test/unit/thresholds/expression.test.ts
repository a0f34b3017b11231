import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { compare, parseThresholdExpression } from '../../../runtime/thresholds/expression.ts';

describe('parseThresholdExpression', () => {
  it('reads every operator, with or without spaces', () => {
    const cases: [string, string, string, number][] = [
      ['p(95)<200', 'p(95)', '<', 200],
      ['p(95) <= 200.5', 'p(95)', '<=', 200.5],
      ['rate>0.99', 'rate', '>', 0.99],
      ['rate >= 0.99', 'rate', '>=', 0.99],
      ['count==0', 'count', '==', 0],
      ['count === 0', 'count', '==', 0],
      ['value!=-1', 'value', '!=', -1],
      ['avg<1e3', 'avg', '<', 1000],
      ['max < .5', 'max', '<', 0.5],
      ['min > -Inf', 'min', '>', -Infinity],
    ];
    for (const [source, aggregation, operator, value] of cases) {
      assert.deepEqual(parseThresholdExpression(source), { aggregation, operator, value }, source);
    }
  });

  it("scans operators in k6's order: the first found in the list splits", () => {
    // "<=" is looked for before ">=", so "avg>=1<=2" splits at "<=" and its number is "2"
    assert.deepEqual(parseThresholdExpression('avg>=1<=2'), { aggregation: 'avg>=1', operator: '<=', value: 2 });
    // "<" is looked for before ">": the left side is then "avg>1"
    assert.deepEqual(parseThresholdExpression('avg>1<2'), { aggregation: 'avg>1', operator: '<', value: 2 });
    // "===" before "=="
    assert.deepEqual(parseThresholdExpression('a===3'), { aggregation: 'a', operator: '==', value: 3 });
  });

  it('rejects a missing operator, aggregation or number', () => {
    for (const [source, message] of [
      ['p(95)', /no comparison operator/],
      ['<200', /no aggregation/],
      ['avg<', /is not a number/],
      ['avg<abc', /"abc" after "<" is not a number/],
      ['avg=5', /no comparison operator/],
    ] as const) {
      assert.throws(
        () => parseThresholdExpression(source),
        (e: unknown) => e instanceof ConfigError && message.test(e.message),
        source,
      );
    }
  });
});

describe('compare', () => {
  it('applies each operator', () => {
    assert.ok(compare(1, '<', 2) && !compare(2, '<', 2));
    assert.ok(compare(2, '<=', 2) && !compare(3, '<=', 2));
    assert.ok(compare(3, '>', 2) && !compare(2, '>', 2));
    assert.ok(compare(2, '>=', 2) && !compare(1, '>=', 2));
    assert.ok(compare(2, '==', 2) && !compare(1, '==', 2));
    assert.ok(compare(1, '!=', 2) && !compare(2, '!=', 2));
  });
});
