import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faultFor, parseSutOptions, sutTopics } from '../../../sut/options.ts';

test('defaults: 5 s windows, 250 ms grace, exactly_once_v2, KAFKA_BROKERS respected', () => {
  const o = parseSutOptions({}, { KAFKA_BROKERS: 'a:1, b:2' }, '/d');
  assert.deepEqual(
    [o.windowMs, o.graceMs, o.commitMs, o.idleCloseMs, o.guarantee, o.processors, o.threads],
    [5000, 250, 100, 30_000, 'exactly_once_v2', 1, 1],
  );
  assert.deepEqual(o.brokers, ['a:1', 'b:2']);
  assert.equal(o.dir, '/d');
  assert.deepEqual(sutTopics('t-'), { events: 't-events', dlq: 't-events-dlq', aggregates: 't-aggregates' });
});

test('bad options name the flag and what it accepts', () => {
  assert.throws(
    () => parseSutOptions({ guarantee: 'exactly_once' }, {}, '/d'),
    /--guarantee must be one of exactly_once_v2, at_least_once/,
  );
  assert.throws(() => parseSutOptions({ processors: '0' }, {}, '/d'), /--processors must be a whole number >= 1/);
  assert.throws(() => parseSutOptions({ threads: '0' }, {}, '/d'), /--threads must be a whole number >= 1/);
  assert.throws(() => parseSutOptions({ window: 'soon' }, {}, '/d'), /--window: invalid duration/);
  assert.throws(() => parseSutOptions({ fault: 'explode=1' }, {}, '/d'), /--fault 'explode=1' is not a fault switch/);
});

test('a crash fault goes to instance 0 only', () => {
  assert.equal(faultFor(0, 'drop=0.1,crash=5'), 'drop=0.1,crash=5');
  assert.equal(faultFor(1, 'drop=0.1,crash=5'), 'drop=0.1');
});
