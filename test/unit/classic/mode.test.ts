import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { exportedAsyncness, modeFromBundle, modeFromExports, parseModeFlag } from '../../../runtime/classic/mode.ts';

/** The bundle the loader would make of `source` (CommonJS, k6 imports external). */
const bundle = (source: string) => esbuild.transformSync(source, { format: 'cjs', target: 'es2020', loader: 'js' }).code;

const kafka = `import { Writer } from 'k6/x/kafka';\n`;

describe('classic mode choice', () => {
  it('a synchronous script that imports k6/x/kafka is classic', () => {
    const code = bundle(`${kafka}export const options = {};\nexport function setup() {}\nexport default function () {}\n`);
    assert.equal(modeFromBundle('auto', code), 'classic');
  });

  it('an async default function makes it async, whatever the other exports', () => {
    const code = bundle(`${kafka}export function setup() {}\nexport default async function () {}\n`);
    assert.equal(modeFromBundle('auto', code), 'async');
    const arrow = bundle(`${kafka}export default async () => {};\n`);
    assert.equal(modeFromBundle('auto', arrow), 'async');
  });

  it('an async handleSummary does not count: it is not an iteration function', () => {
    const code = bundle(`${kafka}export default function () {}\nexport async function handleSummary() {}\n`);
    assert.equal(modeFromBundle('auto', code), 'classic');
  });

  it('a synchronous script that calls sleep() is classic: k6 blocks in it', () => {
    assert.equal(modeFromBundle('auto', bundle(`import { sleep } from 'k6';\nexport default function () { sleep(1); }\n`)), 'classic');
    assert.equal(modeFromBundle('auto', bundle(`import * as k6 from 'k6';\nexport default function () { k6.sleep(1); }\n`)), 'classic');
  });

  it('a synchronous script without blocking calls stays async (no thread per VU for nothing)', () => {
    const code = bundle(`import { check } from 'k6';\nexport default function () { check(1, { one: (v) => v === 1 }); }\n`);
    assert.equal(modeFromBundle('auto', code), 'async');
  });

  it('--mode forces either', () => {
    const code = bundle(`${kafka}export default function () {}\n`);
    assert.equal(modeFromBundle('async', code), 'async');
    assert.equal(modeFromBundle('classic', bundle('export default async function () {}')), 'classic');
  });

  it('reads exported functions and whether they are async', () => {
    const code = bundle(
      `export const options = {};\nexport function a() {}\nexport const b = async () => {};\nexport const c = function () {};\n`,
    );
    assert.deepEqual(Object.fromEntries(exportedAsyncness(code)!), { a: false, b: true, c: false });
  });

  it('after the options pass the real exports decide, exec targets included', () => {
    const code = bundle(`${kafka}export default function () {}\n`);
    const exports = { default: () => {}, other: async () => {}, unused: async () => {} };
    assert.equal(modeFromExports('auto', code, exports, ['default']), 'classic');
    assert.equal(modeFromExports('auto', code, exports, ['other']), 'async');
  });

  it('parses the flag and names the choices on a typo', () => {
    assert.equal(parseModeFlag('classic', '--mode'), 'classic');
    assert.throws(() => parseModeFlag('sync', '--mode'), /--mode must be classic, async or auto, got "sync"/);
  });
});
