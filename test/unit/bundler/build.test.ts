import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScripts } from '../../../runtime/bundler/build.ts';
import { checkBundle, checkBundleFiles, formatProblem } from '../../../runtime/bundler/check.ts';

const fixture = new URL('./fixtures/bad-bundle.js', import.meta.url).pathname;
let tmp: string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sp-build-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('npm run build', () => {
  test('bundles every scripts/*.ts into an ES module that passes the check', async () => {
    const out = join(tmp, 'build');
    const result = await buildScripts({ scriptsDir: 'scripts', outDir: out });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.problems.map(formatProblem), []);
    const names = result.bundles.map((b) => b.slice(out.length + 1));
    assert.ok(names.includes('ingest-load.js') && names.includes('smoke.js'), names.join(','));
    for (const bundle of result.bundles) {
      const code = await readFile(bundle, 'utf8');
      assert.match(code, /^export \{/m, `${bundle} is an ES module`);
      assert.match(code, /sourceMappingURL=/, `${bundle} links its source map`);
      assert.deepEqual(await checkBundleFiles([bundle]), []);
    }
    const ingest = await readFile(join(out, 'ingest-load.js'), 'utf8');
    assert.match(ingest, /from "k6\/x\/kafka"/, 'k6/x/kafka stays an import');
    assert.doesNotMatch(ingest, /from "\.\.?\//, 'lib/ is bundled in');
  });

  test('lowers async iteration so the bundle passes; rejects a Node import by name', async () => {
    const scripts = join(tmp, 'scripts-lowering');
    await mkdir(scripts);
    await writeFile(
      join(scripts, 'iter.ts'),
      [
        'async function* gen() { yield 1; }',
        'export default async function () { for await (const x of gen()) { let a: number | undefined; a ??= x + 1_000; } }',
      ].join('\n'),
    );
    const ok = await buildScripts({ scriptsDir: scripts, outDir: join(tmp, 'out-lowering') });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.problems.map(formatProblem), []);

    await writeFile(
      join(scripts, 'node.ts'),
      "import { readFileSync } from 'node:fs';\nexport default function () { readFileSync('x'); }\n",
    );
    const bad = await buildScripts({ scriptsDir: scripts, outDir: join(tmp, 'out-node') });
    assert.equal(bad.bundles.length, 0);
    assert.ok(
      bad.errors.some((e) => e.includes('node:fs') && e.includes('node.ts')),
      bad.errors.join('\n'),
    );
  });
});

describe('bundle check', () => {
  test('rejects the bad fixture, naming the import and the syntax', async () => {
    const messages = (await checkBundleFiles([fixture])).map(formatProblem);
    const has = (re: RegExp) =>
      assert.ok(
        messages.some((m) => re.test(m)),
        `expected ${re} in:\n${messages.join('\n')}`,
      );
    has(/bad-bundle\.js:2:\d+: imports 'node:fs'/);
    has(/bad-bundle\.js:10:\d+: uses 'for await'/);
    has(/async generator/);
    has(/uses Buffer: a Node global/);
    assert.ok(!messages.some((m) => m.includes("'k6/http'")), 'k6/http is allowed');
  });

  test('reports syntax newer than ES2020 with its position', () => {
    const [p] = checkBundle('let a;\na ??= 1;\n', 'x.js');
    assert.ok(p);
    assert.equal(p.line, 2);
    assert.match(p.message, /newer than ES2020/);
    assert.match(checkBundle('await Promise.resolve(1);\n', 'tla.js')[0]?.message ?? '', /newer than ES2020|await/);
  });

  test('flags built-ins and regex features Sobek lacks', () => {
    const code = [
      'const g = Object.groupBy([1], (x) => x);',
      'const r = /\\p{L}/u;',
      "const s = new RegExp('\\\\p{Lu}', 'u');",
      'const w = new WeakRef({});',
      "const f = require('fs');",
      'const { promise } = Promise.withResolvers();',
      "'x'.isWellFormed();",
      'export { g, r, s, w, f, promise };',
    ].join('\n');
    const messages = checkBundle(code, 'b.js').map((p) => `${p.line}: ${p.message}`);
    for (const [line, re] of [
      [1, /Object\.groupBy/],
      [2, /Unicode property escape/],
      [3, /Unicode property escape/],
      [4, /WeakRef/],
      [5, /require\('fs'\)/],
      [6, /Promise\.withResolvers/],
      [7, /isWellFormed/],
    ] as const) {
      assert.ok(
        messages.some((m) => m.startsWith(`${line}: `) && re.test(m)),
        `line ${line} ${re} in:\n${messages.join('\n')}`,
      );
    }
  });

  test('accepts k6 imports, https URLs, and names a bundle declares itself', () => {
    const code = [
      "import http from 'k6/http';",
      "import { Writer } from 'k6/x/kafka';",
      "import { uuidv4 } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';",
      'const process = (x) => x;',
      'const o = { Buffer: 1, fetch: 2 };',
      'export default function () { process(o.Buffer); http.get(uuidv4()); new Writer({}); }',
    ].join('\n');
    assert.deepEqual(checkBundle(code, 'ok.js'), []);
  });

  test('rejects a Writer balancer, which xk6-kafka v2 refuses, only in bundles that use k6/x/kafka', () => {
    const code = [
      "import { Writer, BALANCER_HASH } from 'k6/x/kafka';",
      "const w = new Writer({ brokers: ['b'], topic: 't', balancer: BALANCER_HASH });",
      "const cfg = { brokers: ['b'] };",
      "cfg['balancer'] = 'balancer_crc32';",
      'export default function () { return [w, cfg]; }',
    ].join('\n');
    const problems = checkBundle(code, 'v1.js');
    assert.deepEqual(
      problems.map((p) => p.line),
      [2, 4],
    );
    assert.match(
      formatProblem(problems[0]!),
      /^v1\.js:2:\d+: sets a Writer 'balancer': xk6-kafka v2 refuses it .*remove it: the default partitioner, consistent_random/,
    );
    assert.deepEqual(checkBundle("const lb = { balancer: 'nginx' };\nexport { lb };\n", 'http.js'), []);
  });
});
