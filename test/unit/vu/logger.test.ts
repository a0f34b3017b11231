/** The thread's logger (k6-like lines, floods throttled per second) and the script's console on top of it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scriptConsole } from '../../../runtime/vu/console.ts';
import { createLogger } from '../../../runtime/vu/logger.ts';
import { virtualTime } from '../virtual-time.ts';

test('levels, a prefix, and debug only when verbose', () => {
  const lines: string[] = [];
  const quiet = createLogger({ verbose: false, prefix: '[w1] ', write: (l) => void lines.push(l) });
  quiet.debug('hidden');
  quiet.info('i');
  quiet.warn('w');
  quiet.error('e');
  createLogger({ verbose: true, write: (l) => void lines.push(l) }).debug('shown');
  assert.deepEqual(lines, ['INFO  [w1] i', 'WARN  [w1] w', 'ERROR [w1] e', 'DEBUG shown']);
});

test('more than 20 lines in a second: the rest are counted and reported once the second is over', async (t) => {
  const vt = virtualTime(t);
  const lines: string[] = [];
  const log = createLogger({ verbose: false, write: (l) => void lines.push(l) });
  for (let i = 0; i < 150; i++) log.error(`flood ${i}`);
  assert.equal(lines.length, 20);
  await vt.run(new Promise((resolve) => setTimeout(resolve, 1000)));
  log.error('after');
  assert.deepEqual(lines.slice(20), ['WARN  130 log lines suppressed in the last second', 'ERROR after']);
});

test('the script’s console formats like console.log and tags its lines source=console', () => {
  const lines: string[] = [];
  const console = scriptConsole(createLogger({ verbose: true, write: (l) => void lines.push(l) }));
  console.log('n=%d', 3, { a: 1 });
  console.info('i');
  console.warn('w');
  console.error('e');
  console.debug('d');
  assert.deepEqual(lines, [
    'INFO  n=3 { a: 1 } source=console',
    'INFO  i source=console',
    'WARN  w source=console',
    'ERROR e source=console',
    'DEBUG d source=console',
  ]);
});
