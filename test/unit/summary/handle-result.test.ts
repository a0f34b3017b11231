import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { resolveSummaryResult } from '../../../runtime/summary/handle-result.ts';
import { StreamprobeError, ExitCode } from '../../../runtime/errors.ts';

const opts = { defaultText: () => 'TEXT' };

test('a falsy return prints the default text summary on stdout', () => {
  for (const falsy of [undefined, null, false, 0, '']) {
    assert.deepEqual(resolveSummaryResult(falsy, opts), [{ target: 'stdout', content: '\nTEXT\n\n' }]);
  }
});

test('{} prints nothing and does not render the default text', () => {
  assert.deepEqual(resolveSummaryResult({}, { defaultText: () => assert.fail('rendered needlessly') }), []);
});

test('stdout and stderr are streams, every other key is a file path, in key order', () => {
  const out = resolveSummaryResult({ 'out/summary.json': '{}', stderr: 'err', stdout: 'out' }, opts);
  assert.deepEqual(out, [
    { target: 'file', path: 'out/summary.json', content: '{}' },
    { target: 'stderr', content: 'err' },
    { target: 'stdout', content: 'out' },
  ]);
});

test('ArrayBuffer and typed arrays become bytes (views keep their window), also from another realm', () => {
  const bytes = new Uint8Array([0, 1, 2, 3, 4, 5]);
  const foreign = vm.runInNewContext('new Uint8Array([7, 8]).buffer') as ArrayBuffer;
  const out = resolveSummaryResult(
    { 'a.bin': bytes.buffer, 'b.bin': bytes.subarray(2, 4), 'c.bin': new DataView(bytes.buffer, 4), 'd.bin': foreign },
    opts,
  );
  assert.deepEqual(
    out.map((o) => [...(o.content as Uint8Array)]),
    [
      [0, 1, 2, 3, 4, 5],
      [2, 3],
      [4, 5],
      [7, 8],
    ],
  );
  assert.ok(out.every((o) => o.content instanceof Uint8Array));
});

test('a non-object return is an error naming what handleSummary must return', () => {
  for (const bad of ['text', 42, true, [1, 2], () => ({})]) {
    assert.throws(
      () => resolveSummaryResult(bad, opts),
      (err: unknown) =>
        err instanceof StreamprobeError &&
        err.exitCode === ExitCode.ScriptException &&
        err.message.startsWith('handleSummary() should return a map with string keys'),
    );
  }
});

test('an unsupported value names the key', () => {
  assert.throws(() => resolveSummaryResult({ 'x.json': { a: 1 } }, opts), /invalid value for "x\.json": an object/);
  assert.throws(() => resolveSummaryResult({ stdout: 5 }, opts), /invalid value for "stdout": a number/);
});

test('--summary-export is written in addition, also after the default summary', () => {
  const summaryExport = { path: 'export.json', content: () => '{"metrics":{}}' };
  assert.deepEqual(resolveSummaryResult(undefined, { ...opts, summaryExport }), [
    { target: 'stdout', content: '\nTEXT\n\n' },
    { target: 'file', path: 'export.json', content: '{"metrics":{}}' },
  ]);
  // the export replaces a same-named key of the returned map
  assert.deepEqual(resolveSummaryResult({ 'export.json': 'mine', stdout: 'x' }, { ...opts, summaryExport }), [
    { target: 'file', path: 'export.json', content: '{"metrics":{}}' },
    { target: 'stdout', content: 'x' },
  ]);
});
