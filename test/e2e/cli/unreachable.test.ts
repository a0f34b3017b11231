import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './run-cli.ts';

describe('system under test unreachable', () => {
  it('ingest-load against a closed port ends with exit 111 and names the brokers and the fix', async () => {
    const r = await runCli([path.join(ROOT, 'scripts/ingest-load.ts'), '-e', 'DURATION=5s'], { env: { KAFKA_BROKERS: '127.0.0.1:1' } });
    assert.equal(r.code, 111, r.stderr);
    assert.match(r.stderr, /127\.0\.0\.1:1/);
    assert.match(r.stderr, /kafka:up|KAFKA_BROKERS/);
  });
});
