import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { bundleScript } from '../../../runtime/loader/bundle.ts';
import { compileScript, type InitGlobals } from '../../../runtime/loader/compile.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'src/sub'), { recursive: true });
writeFileSync(path.join(dir, 'src/sub/mod.js'), "export const fromModule = open('./data.txt');\n");
writeFileSync(
  path.join(dir, 'src/main.js'),
  "import { fromModule } from './sub/mod.js';\nexport const fromMain = open('./data.txt');\nexport default function () {}\n",
);

/** The paths the script's open() calls hand to the VU's open (which resolves relative ones from the main script). */
async function openedPaths(script: string): Promise<string[]> {
  const opened: string[] = [];
  const noop = () => undefined;
  const globals: InitGlobals = {
    require: () => ({}),
    open: (file) => (opened.push(file), ''),
    __ENV: {},
    __VU: 1,
    setTimeout: noop,
    clearTimeout: noop,
    setInterval: noop,
    clearInterval: noop,
    console,
  };
  compileScript(await bundleScript(script))(globals);
  return opened;
}

describe('open() paths (docs/k6-compatibility.md#cli-environment-and-files)', () => {
  it('resolves from the folder of the module that calls it, as k6 does', async () => {
    assert.deepEqual(await openedPaths(path.join(dir, 'src/main.js')), [
      path.join(dir, 'src/sub/data.txt'),
      path.join(dir, 'src/data.txt'),
    ]);
  });

  it('leaves a prebuilt bundle to its own folder, even when its source map names the files it came from', async () => {
    await esbuild.build({
      entryPoints: [path.join(dir, 'src/main.js')],
      bundle: true,
      format: 'esm',
      sourcemap: true,
      outfile: path.join(dir, 'build/main.js'),
      logLevel: 'silent',
    });
    assert.deepEqual(await openedPaths(path.join(dir, 'build/main.js')), ['./data.txt', './data.txt']);
  });
});
