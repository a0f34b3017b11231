/** ThreadState: what it passes on to the main thread, and only once where once is the rule. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode } from '../../../runtime/errors.ts';
import { vuOf } from '../vu/script-vu.ts';

/** A host (and a VU on it) that records what it passes on to the main thread. */
const hostWithEvents = () => vuOf(() => ({}));

test('the first abort stops the host and is passed on; later ones are not', () => {
  const { host, events } = hostWithEvents();
  host.abortTest('first', ExitCode.ScriptAborted);
  host.abortTest('second', ExitCode.SUTUnreachable);
  assert.equal(host.stopping, true);
  assert.deepEqual(events, ['abort 108 first']);
});

test('every markFailed is passed on; a warning once per key', () => {
  const { host, events, warnings } = hostWithEvents();
  host.markFailed('a');
  host.markFailed('a');
  host.warnOnce('k', 'one');
  host.warnOnce('k', 'two');
  host.warnOnce('other', 'three');
  assert.deepEqual(events, ['fail a', 'fail a']);
  assert.deepEqual(warnings, ['one', 'three']);
});

test('the builtin metrics are defined on every host', () => {
  const { host } = hostWithEvents();
  assert.equal(host.registry.get('iterations')?.type, 'counter');
});
