/** LocalHost: what it passes on to the main thread, and only once where once is the rule. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode } from '../../../runtime/errors.ts';
import { LocalHost } from '../../../runtime/worker/thread-host.ts';

function hostWithEvents() {
  const events: string[] = [];
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const host = new LocalHost(
    '/virtual/script.js',
    () => ({ exports: {}, setIter() {} }),
    (s) => s,
    quiet,
    {},
    undefined,
    {
      abort: (reason, code) => void events.push(`abort ${code} ${reason}`),
      fail: (reason) => void events.push(`fail ${reason}`),
      warnOnce: (key, message) => void events.push(`warn ${key} ${message}`),
    },
  );
  return { host, events };
}

test('the first abort stops the host and is passed on; later ones are not', () => {
  const { host, events } = hostWithEvents();
  host.abortTest('first', ExitCode.ScriptAborted);
  host.abortTest('second', ExitCode.SUTUnreachable);
  assert.equal(host.stopping, true);
  assert.deepEqual(events, ['abort 108 first']);
});

test('every markFailed is passed on; a warning once per key', () => {
  const { host, events } = hostWithEvents();
  host.markFailed('a');
  host.markFailed('a');
  host.warnOnce('k', 'one');
  host.warnOnce('k', 'two');
  host.warnOnce('other', 'three');
  assert.deepEqual(events, ['fail a', 'fail a', 'warn k one', 'warn other three']);
});

test('the builtin metrics are defined on every host', () => {
  const { host } = hostWithEvents();
  assert.equal(host.registry.get('iterations')?.type, 'counter');
});
