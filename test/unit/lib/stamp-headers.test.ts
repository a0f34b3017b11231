import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPACT_STAMP_HEADER,
  epochUs,
  formatCompactStamp,
  parseCompactStamp,
  readStamp,
  STAMP_HEADERS,
  Stamper,
  stampTimes,
} from '../../../lib/stamp-headers.ts';

describe('stamps', () => {
  test('one compact header per record: run, generator, sequence, µs times shared by the batch', () => {
    const s = new Stamper('run:1', '7');
    assert.equal(epochUs(1_764_000_000_123.456), '1764000000123456');
    const times = stampTimes(1_764_000_000_123.456, 1_764_000_000_124);
    const h0 = s.headers(times);
    const h1 = s.headers(times);
    assert.deepEqual(Object.keys(h0), [COMPACT_STAMP_HEADER]);
    assert.equal(h0.sp, 'run:1:7:0:1764000000123456:1764000000124000');
    assert.equal(s.nextSeq, 2);
    assert.deepEqual(readStamp(h1), { runId: 'run:1', generatorId: '7', seq: 1, intendedUs: 1764000000123456, sentUs: 1764000000124000 });
    assert.equal(parseCompactStamp(formatCompactStamp(readStamp(h1)!)!)?.seq, 1);
    assert.equal(readStamp({}), undefined);
    assert.equal(parseCompactStamp('run:7:x:1:2'), undefined);
    for (const bad of ['run:7:1::2', 'run:7:1:2:', 'run:7:-1:2:3', 'run:7:1:2:3 ', '7:1:2:3'])
      assert.equal(parseCompactStamp(bad), undefined, bad);
    assert.deepEqual(parseCompactStamp('a:b:c:0:1796091840887123:123456789012345678'), {
      runId: 'a:b',
      generatorId: 'c',
      seq: 0,
      intendedUs: 1796091840887123,
      sentUs: Number('123456789012345678'),
    });
  });

  test('the five older headers are still read; sp wins when both are present', () => {
    const five = { 'sp-run': 'r', 'sp-gen': 'g', 'sp-seq': '3', 'sp-intended-us': '10', 'sp-sent-us': '11' };
    assert.deepEqual(readStamp(five), { runId: 'r', generatorId: 'g', seq: 3, intendedUs: 10, sentUs: 11 });
    assert.equal(readStamp({ ...five, sp: 'r:g:4:10:11' })?.seq, 4);
    assert.deepEqual(Object.keys(five).sort(), Object.values(STAMP_HEADERS).sort());
  });

  test('sequence numbers stay plain decimals past the cheap-formatting boundaries, also after a gateway batch', () => {
    const s = new Stamper('run-1', '7');
    for (let seq = 0; seq < 1050; seq++) assert.equal(s.headers(':1:2').sp, `run-1:7:${seq}:1:2`);
    assert.equal(s.batchHeader(150, ':1:2').sp, 'run-1:7:1050:1:2');
    assert.equal(s.headers(':1:2').sp, 'run-1:7:1200:1:2');
    s.batchHeader(1, ':1:2');
    assert.equal(s.headers(':1:2').sp, 'run-1:7:1202:1:2');
  });
});
