import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { parseMetricSelector } from '../../../runtime/thresholds/selector.ts';

describe('parseMetricSelector', () => {
  it('reads a plain metric name', () => {
    assert.deepEqual(parseMetricSelector('http_req_duration'), { metric: 'http_req_duration' });
  });

  it('reads sub-metrics with one or several tags, trimmed and unquoted', () => {
    assert.deepEqual(parseMetricSelector('http_req_duration{status:200}'), { metric: 'http_req_duration', filter: { status: '200' } });
    assert.deepEqual(parseMetricSelector('kafka_writer_error_count{ topic : orders , scenario:"load 2" }'), {
      metric: 'kafka_writer_error_count',
      filter: { topic: 'orders', scenario: 'load 2' },
    });
    assert.deepEqual(parseMetricSelector(`checks{'check':"status is 200", group:'::a::b'}`), {
      metric: 'checks',
      filter: { check: 'status is 200', group: '::a::b' },
    });
  });

  it('keeps separators inside quotes and in unquoted values after the first colon', () => {
    assert.deepEqual(parseMetricSelector('http_reqs{url:"http://x/a,b"}').filter, { url: 'http://x/a,b' });
    assert.deepEqual(parseMetricSelector('http_reqs{url:http://x/}').filter, { url: 'http://x/' });
    assert.deepEqual(parseMetricSelector('m1{name:" padded "}').filter, { name: ' padded ' });
  });

  it('rejects unmatched braces, missing values and unterminated quotes', () => {
    const bad: [string, RegExp][] = [
      ['m1{a:b', /not closed/],
      ['m1a:b}', /"}" without "{"/],
      ['m1{a:b}x', /not closed by a "}" at the end/],
      ['m1{a:{b}}', /unmatched "{"/],
      ['m1{}', /no tags/],
      ['m1{a}', /tag "a" has no value/],
      ['m1{a:}', /tag "a" has no value/],
      ['m1{a:b,}', /tag "" has no value|without a name/],
      ['m1{:b}', /without a name/],
      ['m1{a:"b}', /unterminated " quote/],
    ];
    for (const [key, message] of bad) {
      assert.throws(
        () => parseMetricSelector(key),
        (e: unknown) => e instanceof ConfigError && message.test(e.message) && e.message.includes(key),
        key,
      );
    }
  });
});
