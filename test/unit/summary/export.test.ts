import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { summaryExport, summaryExportObject } from '../../../runtime/summary/export.ts';
import { buildSummaryData } from '../../../runtime/summary/data.ts';
import { fixtureData, fixtureInput } from './fixture.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

test('top level is {root_group, metrics, setup_data}: options and state are gone', () => {
  const out = summaryExportObject(fixtureData());
  assert.deepEqual(Object.keys(out), ['root_group', 'metrics', 'setup_data']);
  const withoutSetup = summaryExportObject(buildSummaryData({ ...fixtureInput(), setupData: undefined }));
  assert.deepEqual(Object.keys(withoutSetup), ['root_group', 'metrics']);
});

test("metrics are flattened to their values; a Rate's rate becomes value", () => {
  const { metrics } = summaryExportObject(fixtureData());
  assert.deepEqual(metrics.iterations, { count: 45, rate: 4.5 });
  assert.deepEqual(metrics.vus, { value: 0, min: 0, max: 50 });
  assert.deepEqual(metrics.checks, { passes: 6, fails: 1, value: 6 / 7 });
  assert.deepEqual(metrics['http_req_duration{expected_response:true}'], {
    avg: 140.3612,
    min: 119.0832,
    med: 140.6,
    max: 291.1477,
    'p(90)': 146.88,
    'p(95)': 148.2139,
  });
});

test('thresholds become {source: failed}, true meaning FAILED', () => {
  const { metrics } = summaryExportObject(fixtureData());
  assert.deepEqual(metrics.http_req_failed, { passes: 1, fails: 49, value: 0.02, thresholds: { 'rate<0.01': true } });
  assert.deepEqual(metrics.kafka_writer_error_count!.thresholds, { 'count == 0': false });
});

test('groups and checks are objects keyed by name', () => {
  const { root_group } = summaryExportObject(fixtureData());
  assert.deepEqual(Object.keys(root_group.checks), ['status is 200', 'body has id']);
  assert.deepEqual(root_group.checks['body has id'], {
    name: 'body has id',
    path: '::body has id',
    id: md5('::body has id'),
    passes: 2,
    fails: 1,
  });
  assert.deepEqual(root_group.groups, {
    kafka: {
      name: 'kafka',
      path: '::kafka',
      id: md5('::kafka'),
      groups: {},
      checks: {
        'message delivered': {
          name: 'message delivered',
          path: '::kafka::message delivered',
          id: md5('::kafka::message delivered'),
          passes: 1,
          fails: 0,
        },
      },
    },
  });
});

test('the file is JSON indented with 4 spaces', () => {
  const text = summaryExport(fixtureData());
  assert.ok(text.startsWith('{\n    "root_group": {\n        "name": "",'));
  assert.deepEqual(JSON.parse(text), summaryExportObject(fixtureData()));
});
