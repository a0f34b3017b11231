import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ExitCode, StreamprobeError } from '../../../runtime/errors.ts';
import { bundleScript } from '../../../runtime/loader/bundle.ts';
import { compileScript, type InitGlobals, SEPARATE_COMPILATIONS } from '../../../runtime/loader/compile.ts';
import { loadScript } from '../../../runtime/loader/load.ts';
import { describeError, stackMapper } from '../../../runtime/loader/source-map.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-loader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Init globals for one VU, with a fake `require` that records what the script asks for. */
function globalsFor(vu: number, required: string[] = []): InitGlobals {
  const noop = () => undefined;
  return {
    require: (specifier) => {
      required.push(specifier);
      // as modules/registry.ts answers: the module is its own default export
      const module: Record<string, unknown> = { tag: specifier, sleep: noop };
      module.default = module;
      return module;
    },
    open: () => '',
    __ENV: { NAME: `env-${vu}` },
    __VU: vu,
    setTimeout: noop,
    clearTimeout: noop,
    setInterval: noop,
    clearInterval: noop,
    console,
  };
}

describe('compileScript', () => {
  it('runs the init context once per VU: module-level state is the VU’s own', async () => {
    const file = script(
      'state.ts',
      `let calls = 0;
       export const who = __ENV.NAME + '/' + __VU;
       export default function () { calls += 1; return calls + ':' + __ITER; }`,
    );
    const factory = compileScript(await bundleScript(file));
    const one = factory(globalsFor(1));
    const two = factory(globalsFor(2));
    assert.equal(one.exports.who, 'env-1/1');
    assert.equal(two.exports.who, 'env-2/2');
    const run = (s: typeof one) => (s.exports.default as () => string)();
    one.setIter(0);
    assert.equal(run(one), '1:0');
    one.setIter(1);
    assert.equal(run(one), '2:1');
    two.setIter(7);
    assert.equal(run(two), '1:7', 'the second VU has its own counter and its own __ITER');
  });

  it('past SEPARATE_COMPILATIONS VUs share a compilation, and each still has its own module state', async () => {
    const file = script('many.ts', `let n = 0;\nexport default function () { n += 1; return n + '/' + __VU; }`);
    const factory = compileScript(await bundleScript(file));
    const vus = Array.from({ length: SEPARATE_COMPILATIONS + 3 }, (_, i) => factory(globalsFor(i + 1)));
    const run = (s: (typeof vus)[number]) => (s.exports.default as () => string)();
    run(vus.at(-1)!);
    assert.deepEqual(
      vus.map((vu) => run(vu)),
      vus.map((_, i) => (i === vus.length - 1 ? '2/' : '1/') + (i + 1)),
    );
  });

  it('a code cache made for other threads is handed out only when asked for, and starts a compilation', async () => {
    const bundle = await bundleScript(script('cache.ts', 'export default function () { return __VU; }'));
    assert.equal(compileScript(bundle).cachedData, undefined);
    const { cachedData } = compileScript(bundle, { produce: true });
    assert.ok(cachedData && cachedData.length > 0);
    const vu = compileScript(bundle, { cachedData })(globalsFor(5));
    assert.equal((vu.exports.default as () => number)(), 5);
  });

  it('k6 imports become require() calls answered per VU', async () => {
    const file = script(
      'imports.ts',
      `import { sleep } from 'k6';\nimport kafka from 'k6/x/kafka';\nexport const tag = kafka.tag;\nexport default function () { sleep(1); }`,
    );
    const required: string[] = [];
    const instance = compileScript(await bundleScript(file))(globalsFor(1, required));
    assert.deepEqual(required.sort(), ['k6', 'k6/x/kafka']);
    assert.equal(instance.exports.tag, 'k6/x/kafka');
  });
});

describe('bundleScript errors name the file and the fix', () => {
  it('a missing script', async () => {
    await assert.rejects(
      bundleScript(path.join(dir, 'nope.ts')),
      (e: unknown) => e instanceof StreamprobeError && /script not found: .*nope\.ts/.test(e.message),
    );
  });

  it('a syntax error points at the line, with the script-error exit code', async () => {
    const file = script('broken.ts', 'export default function () {\n  let x = ;\n}\n');
    await assert.rejects(
      bundleScript(file),
      (e: unknown) => e instanceof StreamprobeError && e.exitCode === ExitCode.ScriptException && /broken\.ts:2:/.test(e.message),
    );
  });

  it('an import that does not resolve: the importing file and line, the specifier, and what to do', async () => {
    const cases: [string, RegExp][] = [
      ['./helpers', /Could not resolve "\.\/helpers": no such file from .*; fix the path/],
      ['not-installed-pkg', /Could not resolve "not-installed-pkg": install the package with npm in the script's folder/],
      ['fs', /Could not resolve "fs": a Node\.js built-in module, which k6 scripts cannot use/],
    ];
    for (const [specifier, fix] of cases) {
      const file = script('imports-missing.ts', `import x from '${specifier}';\nexport default function () { x; }\n`);
      await assert.rejects(bundleScript(file), (e: unknown) => {
        assert.ok(e instanceof StreamprobeError);
        assert.equal(e.exitCode, ExitCode.ScriptException);
        assert.ok(e.message.includes(`${file}:1:`), `names ${file}:1: in ${e.message}`);
        assert.match(e.message, fix);
        return true;
      });
    }
  });
});

describe('loadScript', () => {
  it('bundles a path, or reuses a bundle made on another thread, and compiles it for this thread', async () => {
    const file = script('load.ts', `import http from 'k6/http';\nexport const kind = typeof http.get;\nexport default function () {}\n`);
    const loaded = await loadScript(file);
    assert.equal(loaded.path, file);
    const again = await loadScript(loaded.bundle);
    assert.equal(again.bundle, loaded.bundle, 'no second bundling');
    const required: string[] = [];
    assert.deepEqual(Object.keys(again.factory(globalsFor(1, required)).exports).sort(), ['default', 'kind']);
    assert.deepEqual(required, ['k6/http']);
  });
});

describe('source maps', () => {
  it('stack frames of the bundle point at the user’s file and line', async () => {
    const file = script(
      'throws.ts',
      `type T = number;\nconst n: T = 1;\nexport default function () {\n  throw new Error('boom ' + n);\n}\n`,
    );
    const bundle = await bundleScript(file);
    const instance = compileScript(bundle)(globalsFor(1));
    let stack = '';
    try {
      (instance.exports.default as () => void)();
    } catch (err) {
      stack = (err as Error).stack ?? '';
    }
    assert.match(stackMapper(bundle)(stack), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:`));
  });

  it('describeError keeps the message and the user’s frames, not the runtime’s or node’s', () => {
    const runtimeFile = path.resolve(import.meta.dirname, '../../../runtime/vu/vu.ts');
    const err = new Error('x');
    err.stack = `Error: x\n    at f (${dir}/a.ts:4:9)\n    at run (${runtimeFile}:10:1)\n    at next (node:internal/process/task_queues:95:5)`;
    assert.equal(
      describeError(err, (s) => s, `${dir}/a.ts`),
      `Error: x\n    at f (${dir}/a.ts:4:9)`,
    );
  });

  it('describeError shows a thrown non-Error as text', () => {
    assert.equal(
      describeError('plain', (s) => s, 'x.ts'),
      'plain',
    );
  });
});
