/**
 * The compatibility corpus (test/compat/README.md): every expected/*.json runs its script in
 * streamprobe, as `k6 run` would run it, and the --summary-export must hold the values real k6
 * v1.7.1 gives. The k6-compat workflow checks the same files against real k6 with verify.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Expectation, compareExport, parseExpectation, scriptOf } from './expectations.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = path.join(ROOT, 'test/compat');
const files = readdirSync(path.join(HERE, 'expected'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const corpus = files.map((file) => {
  const expectation = parseExpectation(JSON.parse(readFileSync(path.join(HERE, 'expected', file), 'utf8')), file);
  return { file, expectation, script: scriptOf(expectation, file) };
});

describe('compatibility corpus: streamprobe gives real k6 v1.7.1 values', () => {
  for (const { file, expectation, script } of corpus) {
    test(`${file}: ${expectation.description}`, () => {
      const scratch = mkdtempSync(path.join(tmpdir(), 'streamprobe-compat-'));
      try {
        const exportFile = path.join(scratch, 'summary.json');
        const run = spawnSync(
          process.execPath,
          ['bin/streamprobe.js', 'run', '--summary-export', exportFile, ...expectation.args, path.join('test/compat/scripts', script)],
          {
            cwd: ROOT,
            env: { ...process.env, CI: 'true', STREAMPROBE_SATURATION_GUARD: 'off', ...expectation.env },
            encoding: 'utf8',
            timeout: 90_000,
          },
        );
        const output = `\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
        assert.equal(run.status, expectation.exitCode, `exit code${output}`);
        const exported: unknown = JSON.parse(readFileSync(exportFile, 'utf8'));
        assert.deepEqual(compareExport(expectation, exported), [], `differences from k6 (source: ${expectation.source})${output}`);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  }
});

describe('compatibility corpus: the files themselves', () => {
  test('every expectation names a script that exists', () => {
    const scripts = new Set(readdirSync(path.join(HERE, 'scripts')));
    for (const { file, script } of corpus) assert.ok(scripts.has(script), `${file}: scripts/${script} is missing`);
  });

  test('the segment parts of a script add up to its unsegmented counts', () => {
    for (const [script, parts] of segmentedParts()) {
      const whole = corpus.find((c) => c.script === script && !segmentOf(c.expectation));
      assert.ok(whole, `${script}: segment parts without an unsegmented expectation`);
      for (const [metric, fields] of Object.entries(whole.expectation.metrics)) {
        // a metric a part must not report (null) counted 0 there
        const counts = parts.map((p) => (p.metrics[metric] === null ? 0 : p.metrics[metric]?.count));
        if (typeof fields?.count !== 'number' || counts.some((c) => typeof c !== 'number')) continue;
        const tolerance = whole.expectation.tolerance[`${metric}.count`] ?? 0;
        const sum = counts.reduce<number>((a, c) => a + (c as number), 0);
        assert.ok(Math.abs(sum - fields.count) <= tolerance, `${script}: ${metric}.count of the parts sums to ${sum}, not ${fields.count}`);
      }
    }
  });
});

function segmentOf(e: Expectation): string | undefined {
  const at = e.args.indexOf('--execution-segment');
  return at < 0 ? undefined : e.args[at + 1];
}

/** Scripts whose expectations cover 0…1 with --execution-segment parts (no sequence: they are two-part splits). */
function segmentedParts(): Map<string, Expectation[]> {
  const byScript = new Map<string, Expectation[]>();
  for (const c of corpus) {
    if (segmentOf(c.expectation)) byScript.set(c.script, [...(byScript.get(c.script) ?? []), c.expectation]);
  }
  return byScript;
}
