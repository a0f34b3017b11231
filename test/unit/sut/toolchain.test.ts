import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireTool, SutError } from '../../../sut/toolchain.ts';

test('a missing tool is named with its install command', () => {
  assert.throws(
    () => requireTool('redis-server-not-installed', '--version', 'Redis', 'redis-server'),
    (err: unknown) =>
      err instanceof SutError &&
      err.message ===
        'Redis (`redis-server-not-installed`) was not found on PATH; the reference pipeline needs it. Install it: `apt-get install redis-server`',
  );
});
