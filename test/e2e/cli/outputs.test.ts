/** json, csv and JUnit outputs through the real CLI, checked line by line against k6's formats (docs/outputs.md). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { expectCode, runCli, scratchDir, sharedRun } from './run-cli.ts';

const scratch = scratchDir();
const RFC3339_NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

const run = sharedRun(async () => {
  const r = await runCli(
    [
      'outputs-basic.ts',
      '-o',
      `json=${scratch.file('out.json')}`,
      '--out',
      `json=${scratch.file('out.json.gz')}`,
      '-o',
      `csv=fileName=${scratch.file('out.csv')},saveInterval=200ms,timeFormat=rfc3339_nano`,
      '--junit',
      scratch.file('junit.xml'),
      '--tag',
      'testid=t1',
    ],
    { env: { K6_CSV_TIME_FORMAT: 'unix' }, quiet: false },
  );
  expectCode(r, 99); // the gauge threshold fails on purpose
  return r;
});

interface Line {
  type: string;
  metric: string;
  data: Record<string, any>;
}

const jsonLines = (text: string): Line[] =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
const points = (lines: Line[], metric: string) => lines.filter((l) => l.type === 'Point' && l.metric === metric);

describe('outputs', { timeout: 60_000 }, () => {
  after(() => scratch.cleanup());

  it('the banner names every output', async () => {
    const r = await run();
    assert.match(r.stdout, /output: json \(.*out\.json\), json \(.*out\.json\.gz\), csv \(.*out\.csv\), junit \(.*junit\.xml\)/);
  });

  it('json: a Metric line before the first Point of each metric, then one Point per sample', async () => {
    await run();
    const lines = jsonLines(readFileSync(scratch.file('out.json'), 'utf8'));
    const seen = new Set<string>();
    for (const l of lines) {
      assert.deepEqual(Object.keys(l), ['type', 'data', 'metric']);
      if (l.type === 'Metric') {
        assert.ok(!seen.has(l.metric), `Metric line for ${l.metric} once`);
        seen.add(l.metric);
        assert.deepEqual(Object.keys(l.data), ['name', 'type', 'contains', 'thresholds', 'submetrics']);
        assert.equal(l.data.name, l.metric);
      } else {
        assert.equal(l.type, 'Point');
        assert.ok(seen.has(l.metric), `Point of ${l.metric} after its Metric line`);
        assert.deepEqual(Object.keys(l.data), ['time', 'value', 'tags']);
        assert.match(l.data.time, RFC3339_NANO);
        assert.equal(typeof l.data.value, 'number');
        assert.equal(l.data.tags.testid, 't1');
      }
    }
    const metric = (name: string) => lines.find((l) => l.type === 'Metric' && l.metric === name)!.data;
    assert.deepEqual(metric('units'), {
      name: 'units',
      type: 'counter',
      contains: 'default',
      thresholds: ['count == 10'],
      submetrics: null,
    });
    assert.deepEqual(metric('work_time'), {
      name: 'work_time',
      type: 'trend',
      contains: 'time',
      thresholds: [],
      submetrics: [{ name: 'work_time{kind:fast}', suffix: 'kind:fast', tags: { kind: 'fast' } }],
    });
    assert.equal(points(lines, 'units').length, 10);
    assert.equal(points(lines, 'iterations').length, 10);
    assert.equal(points(lines, 'checks').length, 20);
    assert.deepEqual(
      points(lines, 'hits')
        .map((p) => p.data.value)
        .sort(),
      [0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
    );
    assert.deepEqual(points(lines, 'work_time')[0]!.data.tags, {
      testid: 't1',
      scenario: 'basic',
      group: '',
      kind: 'fast',
      note: 'a,b "c"',
    });
    assert.equal(points(lines, 'checks')[0]!.data.tags.group, '::g');
  });

  it('json: a .gz file holds the same lines, gzip-compressed', async () => {
    await run();
    const plain = jsonLines(readFileSync(scratch.file('out.json'), 'utf8'));
    const gz = jsonLines(gunzipSync(readFileSync(scratch.file('out.json.gz'))).toString('utf8'));
    assert.equal(gz.length, plain.length);
    assert.deepEqual(
      gz.filter((l) => l.type === 'Metric'),
      plain.filter((l) => l.type === 'Metric'),
    );
  });

  it("csv: k6's header, one row per sample, the argument's timeFormat over K6_CSV_TIME_FORMAT", async () => {
    await run();
    const [header, ...rows] = readFileSync(scratch.file('out.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(
      header,
      'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata',
    );
    const columns = header!.split(',');
    const byMetric = (m: string) => rows.filter((r) => r.startsWith(`${m},`));
    assert.equal(byMetric('units').length, 10);
    assert.equal(byMetric('checks').length, 20);
    for (const r of byMetric('units')) {
      const cells = r.split(',');
      assert.equal(cells.length, columns.length);
      assert.match(cells[1]!, RFC3339_NANO);
      assert.equal(cells[2], '1.000000');
      assert.equal(cells[columns.indexOf('scenario')], 'basic');
      assert.equal(cells[columns.indexOf('extra_tags')], 'testid=t1');
    }
    // a tag value with a comma and quotes is quoted the way Go's encoding/csv does
    assert.ok(
      byMetric('work_time').every((r) => r.endsWith(',12.500000,,,,,,,,,basic,,,,,,"kind=fast&note=a,b ""c""&testid=t1",')),
      byMetric('work_time')[0],
    );
    const check = byMetric('checks')[0]!.split(',');
    assert.equal(check[columns.indexOf('group')], '::g');
    assert.match(check[columns.indexOf('check')]!, /^(below five|is even)$/);
  });

  it('junit: one test case per threshold and per check; failures carry the observed value', async () => {
    await run();
    const xml = readFileSync(scratch.file('junit.xml'), 'utf8');
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="streamprobe" tests="6" failures="3" errors="0" time="[0-9.]+">/,
    );
    const suites = [
      ...xml.matchAll(
        /<testsuite name="(\w+)" tests="(\d+)" failures="(\d+)" errors="0" skipped="0" time="[0-9.]+" timestamp="[0-9T:-]+">/g,
      ),
    ];
    assert.deepEqual(
      suites.map((m) => [m[1], m[2], m[3]]),
      [
        ['thresholds', '4', '2'],
        ['checks', '2', '1'],
      ],
    );
    const cases = [...xml.matchAll(/<testcase name="([^"]+)" classname="(\w+)" time="0"(\/)?>/g)].map((m) => [
      m[1],
      m[2],
      m[3] ? 'pass' : 'fail',
    ]);
    assert.deepEqual(
      cases.sort(),
      [
        ['g::below five', 'checks', 'pass'],
        ['g::is even', 'checks', 'fail'],
        ['hits{kind:fast}: rate &gt; 0.99', 'thresholds', 'fail'],
        ['level: value &gt; 1000', 'thresholds', 'fail'],
        ['units: count == 10', 'thresholds', 'pass'],
        ['work_time{kind:fast}: p(95) &lt; 100', 'thresholds', 'pass'],
      ].sort(),
    );
    assert.match(xml, /<failure message="threshold value &gt; 1000 on level failed: observed value = 4" type="ThresholdFailed">/);
    assert.match(xml, /observed rate = 0.6"/);
    assert.match(xml, /<failure message="check &quot;is even&quot; failed 4 of 10 times \(60.00% passed\)" type="CheckFailed">/);
    assert.equal((xml.match(/<failure /g) ?? []).length, (xml.match(/<\/failure>/g) ?? []).length);
  });

  it('an unknown output ends with exit 104 and lists the available ones', async () => {
    const r = await runCli(['outputs-basic.ts', '-o', 'influxdb=http://localhost:8086/k6']);
    expectCode(r, 104);
    assert.match(r.stderr, /unknown output "influxdb"; available outputs: csv, experimental-prometheus-rw, json/);
  });

  it('K6_OUT names outputs too', async () => {
    const r = await runCli(['outputs-basic.ts', '--no-thresholds'], { env: { K6_OUT: `json=${scratch.file('env.json')}` } });
    expectCode(r, 0);
    assert.equal(points(jsonLines(readFileSync(scratch.file('env.json'), 'utf8')), 'units').length, 10);
  });
});
