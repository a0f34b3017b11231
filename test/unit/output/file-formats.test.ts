/** csv settings and cells, Go's time layouts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvConfig } from '../../../runtime/output/csv/config.ts';
import { formatTime, headerRow, tagCells, tagColumns } from '../../../runtime/output/csv/rows.ts';
import { rfc3339 } from '../../../runtime/output/time-format.ts';

process.env.TZ = 'UTC';
const T = Date.UTC(2026, 10, 30, 12, 34, 56, 780);

describe('csv output', () => {
  it("settings: k6's defaults, then K6_CSV_*, then the argument", () => {
    assert.deepEqual(csvConfig('', {}), { fileName: 'file.csv', saveIntervalMs: 1000, timeFormat: 'unix' });
    assert.deepEqual(csvConfig('out.csv', { K6_CSV_SAVE_INTERVAL: '5s' }), {
      fileName: 'out.csv',
      saveIntervalMs: 5000,
      timeFormat: 'unix',
    });
    assert.deepEqual(csvConfig('fileName=x.csv,timeFormat=rfc3339', { K6_CSV_TIME_FORMAT: 'unix_nano', K6_CSV_FILENAME: 'env.csv' }), {
      fileName: 'x.csv',
      saveIntervalMs: 1000,
      timeFormat: 'rfc3339',
    });
    assert.throws(() => csvConfig('timeFormat=iso', {}), /unknown timeFormat "iso"; use one of unix, unix_milli/);
    assert.throws(() => csvConfig('file=x.csv', {}), /unknown setting "file=x.csv"/);
  });

  it('time formats', () => {
    assert.equal(formatTime(T, 'unix'), '1796042096');
    assert.equal(formatTime(T, 'unix_milli'), '1796042096780');
    assert.equal(formatTime(T, 'unix_micro'), '1796042096780000');
    assert.equal(formatTime(T, 'unix_nano'), '1796042096780000000');
    assert.equal(formatTime(T, 'rfc3339'), '2026-11-30T12:34:56Z');
    assert.equal(formatTime(T, 'rfc3339_nano'), '2026-11-30T12:34:56.78Z');
    assert.equal(rfc3339(T - 780, true), '2026-11-30T12:34:56Z');
  });

  it('columns: indexable system tags sorted; others in extra_tags; quoting as Go does', () => {
    const columns = tagColumns(['url', 'vu', 'group', 'iter', 'check']);
    assert.deepEqual(columns, ['check', 'group', 'url']);
    assert.equal(headerRow(columns), 'metric_name,timestamp,metric_value,check,group,url,extra_tags,metadata\n');
    assert.equal(tagCells({ group: '::a', url: 'http://x/?a=1,2', z: '1', b: 'q"' }, columns), ',::a,"http://x/?a=1,2","b=q""&z=1",');
  });
});
