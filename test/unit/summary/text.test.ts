import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummaryData } from '../../../runtime/summary/data.ts';
import { GroupTree } from '../../../runtime/summary/groups.ts';
import { textSummary } from '../../../runtime/summary/text.ts';
import { fixtureData, fixtureInput } from './fixture.ts';

// k6 pads every value column to its width, the last one too: some golden lines end in spaces.
const GOLDEN_COMPACT = [
  '  █ THRESHOLDS',
  '',
  '    e2e_latency',
  "    ✗ 'p(99)<200' p(99)=250.5ms",
  '',
  '    http_req_duration',
  "    ✓ 'p(95)<1500' p(95)=148.21ms",
  '',
  '    http_req_failed',
  "    ✗ 'rate<0.01' rate=2.00%",
  '',
  '    kafka_writer_error_count',
  "    ✓ 'count == 0' count=0",
  '',
  '',
  '  █ TOTAL RESULTS',
  '',
  '    checks_total.......: 7      0.7/s     ',
  '    checks_succeeded...: 85.71% 6 out of 7',
  '    checks_failed......: 14.28% 1 out of 7',
  '',
  '    ✓ status is 200',
  '    ✗ body has id',
  '      ↳  66% — ✓ 2 / ✗ 1',
  '    ✓ message delivered',
  '',
  '    CUSTOM',
  '    e2e_latency....................: avg=152.35ms   min=120ms    med=141ms   max=684ms    p(90)=147.2ms  p(95)=148.8ms ',
  '      { topic:orders }.............: avg=500µs      min=400ns    med=250µs   max=12ms     p(90)=9ms      p(95)=10.12ms ',
  '    kafka_writer_error_count.......: 0        0/s             ',
  '    kafka_writer_message_count.....: 23864200 2386420.123457/s',
  '    queue_depth....................: avg=152.355556 min=120      med=141     max=684      p(90)=147.2    p(95)=148.8   ',
  '',
  '    HTTP',
  '    http_req_duration..............: avg=140.36ms   min=119.08ms med=140.6ms max=291.14ms p(90)=146.88ms p(95)=148.21ms',
  '      { expected_response:true }...: avg=140.36ms   min=119.08ms med=140.6ms max=291.14ms p(90)=146.88ms p(95)=148.21ms',
  '    http_req_failed................: 2.00%    1 out of 50     ',
  '    http_reqs......................: 50       5/s             ',
  '',
  '    EXECUTION',
  '    iteration_duration.............: avg=1.41s      min=1.37s    med=1.4s    max=1m5s     p(90)=1.43s    p(95)=1.45s   ',
  '    iterations.....................: 45       4.5/s           ',
  '    vus............................: 0        min=0            max=50',
  '    vus_max........................: 50       min=50           max=50',
  '',
  '    NETWORK',
  '    data_received..................: 519 kB   52 kB/s         ',
  '    data_sent......................: 0 B      0 B/s           ',
].join('\n');

test('golden compact summary: thresholds, checks, categories, sub-metrics, alignment', () => {
  assert.equal(textSummary(fixtureData()), GOLDEN_COMPACT);
  assert.equal(textSummary(fixtureData(), { mode: 'compact' }), GOLDEN_COMPACT);
});

test('full mode adds the HTTP timing breakdown and one section per group', () => {
  const text = textSummary(fixtureData(), { mode: 'full' });
  assert.match(text, /\n {4}http_req_blocked\.+: avg=1ms /);
  assert.ok(
    text.endsWith(
      [
        '',
        '',
        '  █ GROUP: kafka',
        '',
        '    checks_total.......: 1       0.1/s     ',
        '    checks_succeeded...: 100.00% 1 out of 1',
        '    checks_failed......: 0.00%   0 out of 1',
        '',
        '    ✓ message delivered',
      ].join('\n'),
    ),
  );
});

test('full mode nests inner groups as ↳ GROUP subsections', () => {
  const tree = new GroupTree();
  tree.recordCheck('::outer', 'a', true);
  tree.recordCheck('::outer::inner', 'b', false);
  const data = buildSummaryData({ ...fixtureInput(), rootGroup: tree.snapshot() });
  const outer = textSummary(data, { mode: 'full' }).split('  █ GROUP: outer\n')[1]!;
  assert.match(outer, /\n {4}↳ GROUP: inner\n\n {6}checks_total\.+: 1 +0\.1\/s/);
  assert.match(outer, /\n {6}✗ b\n {8}↳ {2}0% — ✓ 0 \/ ✗ 1$/);
});

test('colors are ANSI escapes only when enabled', () => {
  const plain = textSummary(fixtureData(), { enableColors: false });
  assert.equal(plain.includes('\x1b['), false);
  const colored = textSummary(fixtureData(), { enableColors: true });
  assert.ok(colored.includes("\x1b[31m✗ 'rate<0.01' rate=2.00%\x1b[0m"));
  assert.ok(colored.includes('\x1b[32m✓ status is 200\x1b[0m'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the summary's ANSI colour escapes are what this test strips
  assert.equal(colored.replace(/\x1b\[\d+m/g, ''), plain);
});

test('indent prefixes every non-empty line', () => {
  const text = textSummary(fixtureData(), { indent: '> ' });
  assert.ok(text.split('\n').every((line) => line === '' || line.startsWith('> ')));
  assert.equal(text.replace(/^> /gm, ''), GOLDEN_COMPACT);
});

test('summaryTimeUnit fixes the unit with 2 decimals', () => {
  const data = buildSummaryData({ ...fixtureInput(), summaryTimeUnit: 'ms' });
  const text = textSummary(data);
  assert.match(text, /iteration_duration\.+: avg=1412\.50ms +min=1370\.10ms/);
  assert.match(text, /✓ 'p\(95\)<1500' p\(95\)=148\.21ms/);
});

test('a threshold without a recorded value falls back to the metric values, else shows none', () => {
  const data = buildSummaryData({
    ...fixtureInput(),
    metrics: [
      {
        name: 'lat',
        type: 'trend',
        contains: 'time',
        values: { avg: 5, 'p(95)': 9.5 },
        thresholds: { 'p(95) < 10': { ok: true }, 'p(99.9)<20': { ok: true }, 'avg<1': { ok: false } },
      },
      { name: 'bytes', type: 'counter', contains: 'data', values: { count: 2_000_000, rate: 1 }, thresholds: { 'count>0': { ok: true } } },
    ],
  });
  const thresholds = textSummary(data).split('  █ TOTAL RESULTS')[0]!;
  assert.equal(
    thresholds,
    [
      '  █ THRESHOLDS',
      '',
      '    bytes',
      "    ✓ 'count>0' count=2.0 MB",
      '',
      '    lat',
      "    ✓ 'p(95) < 10' p(95)=9.5ms",
      "    ✓ 'p(99.9)<20'",
      "    ✗ 'avg<1' avg=5ms",
      '',
      '',
      '',
    ].join('\n'),
  );
});

test('without thresholds or checks those parts are left out; NETWORK is always there, as in k6', () => {
  const data = buildSummaryData({
    ...fixtureInput(),
    rootGroup: new GroupTree().snapshot(),
    metrics: [
      { name: 'iterations', type: 'counter', contains: 'default', values: { count: 3, rate: 0.3 } },
      { name: 'orphan{tag:x}', type: 'gauge', contains: 'default', values: { value: 1, min: 1, max: 2 } },
    ],
  });
  assert.equal(
    textSummary(data),
    [
      '  █ TOTAL RESULTS',
      '',
      '    CUSTOM',
      '    orphan{tag:x}...: 1   min=1 max=2',
      '',
      '    EXECUTION',
      '    iterations......: 3   0.3/s',
      '',
      '    NETWORK',
      '    data_received...: 0 B 0 B/s',
      '    data_sent.......: 0 B 0 B/s',
    ].join('\n'),
  );
});

test('a sub-metric stays under its parent even when another name sorts between them', () => {
  const data = buildSummaryData({
    ...fixtureInput(),
    rootGroup: new GroupTree().snapshot(),
    metrics: [
      { name: 'lag_x', type: 'counter', contains: 'default', values: { count: 1, rate: 0.1 } },
      { name: 'lag{p:0}', type: 'counter', contains: 'default', values: { count: 2, rate: 0.2 } },
      { name: 'lag', type: 'counter', contains: 'default', values: { count: 3, rate: 0.3 } },
    ],
  });
  assert.deepEqual(
    textSummary(data)
      .split('\n')
      .slice(3, 6)
      .map((l) => l.split('.')[0]),
    ['    lag', '      { p:0 }', '    lag_x'],
  );
});
