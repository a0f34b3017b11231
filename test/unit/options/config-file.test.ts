import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { readConfigFile } from '../../../runtime/options/config-file.ts';

describe('readConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const configError = (text: string) => (err: unknown) => err instanceof ConfigError && err.message.includes(text);

  it('reads a JSON object of options', () => {
    assert.deepEqual(readConfigFile(file('ok.json', '{"vus": 3, "out": ["json=x.json"]}')), { vus: 3, out: ['json=x.json'] });
  });

  it('names the file when it is missing, not JSON or not an object', () => {
    const missing = join(dir, 'missing.json');
    assert.throws(() => readConfigFile(missing), configError(missing));
    const bad = file('bad.json', '{vus: 3}');
    assert.throws(() => readConfigFile(bad), configError(bad));
    const list = file('list.json', '[1]');
    assert.throws(() => readConfigFile(list), configError(list));
  });
});
