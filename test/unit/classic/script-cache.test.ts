import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileScript } from '../../../runtime/loader/compile.ts';

describe('the script compiled once for all classic VUs', () => {
  it('compileScript produces a V8 code cache that later compiles start from', () => {
    const script = {
      scriptPath: '/t.js',
      filename: '/t.js.bundle.js',
      code: 'exports.default = function () { return 42; };',
      sourceMap: '',
      modules: [],
    };
    const first = compileScript(script, { produce: true });
    assert.ok(first.cachedData && first.cachedData.length > 0);
    const noop = () => undefined;
    const again = compileScript(script, { cachedData: first.cachedData });
    const instance = again({
      require: noop,
      open: () => '',
      __ENV: {},
      __VU: 1,
      setTimeout: noop,
      clearTimeout: noop,
      setInterval: noop,
      clearInterval: noop,
      console,
    });
    assert.equal((instance.exports.default as () => number)(), 42);
  });
});
