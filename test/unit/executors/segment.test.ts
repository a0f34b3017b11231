import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { parseRational } from '../../../runtime/executors/rational.ts';
import { SegmentContext, segmentContext } from '../../../runtime/executors/segment.ts';

/** a multiple of every test sequence's L: each segment owns exactly length·v below it */
const COMMON_BLOCK = 4 * 3 * 20 * 35;
const scales = (ctx: SegmentContext, values: number[]): number[] => values.map((v) => ctx.scale(v));
const segmentsOf = (sequence: string): string[] => {
  const bounds = sequence.split(',');
  return bounds.slice(1).map((b, i) => `${bounds[i]}:${b}`);
};

describe('parsing', () => {
  it('reads fractions, decimals and percents exactly', () => {
    assert.equal(String(parseRational('1/3')), '1/3');
    assert.equal(String(parseRational('0.25')), '1/4');
    assert.equal(String(parseRational('.5')), '1/2');
    assert.equal(String(parseRational('25%')), '1/4');
    assert.equal(String(parseRational('12.5%')), '1/8');
    assert.equal(String(parseRational('1')), '1');
    assert.equal(parseRational('abc'), undefined);
    assert.equal(parseRational('1/0'), undefined);
  });

  it('reads a single value x as 0:x, and all notations alike', () => {
    assert.equal(String(segmentContext('25%')), '0:1/4');
    assert.equal(String(segmentContext('0.25:50%')), '1/4:1/2');
    assert.equal(String(segmentContext('1/3:2/3')), '1/3:2/3');
    assert.equal(segmentContext('1/3:2/3').lengthFraction, 1 / 3);
  });

  it('treats absent or whole segments as the full run', () => {
    assert.equal(segmentContext(), SegmentContext.full);
    assert.equal(segmentContext('0:1'), SegmentContext.full);
    assert.equal(segmentContext(undefined, '0,1'), SegmentContext.full);
    assert.equal(SegmentContext.full.scale(17), 17);
    assert.equal(SegmentContext.full.globalIndex(5), 5);
  });

  it('rejects bad segments naming the flag', () => {
    const bad = (segment: string, message: RegExp) =>
      assert.throws(
        () => segmentContext(segment),
        (e: unknown) => e instanceof ConfigError && e.exitCode === 104 && message.test(e.message),
      );
    bad('3:1', /--execution-segment "3:1": from \(3\) must be less than to \(1\)/);
    bad('1/2:1/4', /from \(1\/2\) must be less than to \(1\/4\)/);
    bad('0:3/2', /to \(3\/2\) is greater than 1/);
    bad('0:x', /"x" is not a fraction/);
    bad('0:1:2', /expected a single ":"/);
    bad('0:0', /must be less than/);
  });

  it('rejects bad sequences and segments not in the sequence', () => {
    assert.throws(() => segmentContext('0:1/2', '0,1/2,1/4,1'), /--execution-segment-sequence "0,1\/2,1\/4,1": 1\/4 does not follow 1\/2/);
    assert.throws(() => segmentContext('0:1/2', '0,2'), /2 is greater than 1/);
    assert.throws(() => segmentContext('0:1/3', '0,1/2,1'), /"0:1\/3" is not one of the segments .* use one of "0:1\/2", "1\/2:1"/);
    assert.throws(() => segmentContext(undefined, '0,1/2,1'), /"0:1" is not one of the segments/);
  });

  it('fills gaps of a sequence out to 0 and 1', () => {
    const filled = segmentContext('1/4:1/2', '1/4,1/2');
    const explicit = segmentContext('1/4:1/2', '0,1/4,1/2,1');
    assert.deepEqual(scales(filled, [1, 2, 3, 4, 8]), scales(explicit, [1, 2, 3, 4, 8]));
  });
});

describe('striping and ScaleInt64', () => {
  it('matches the spec example: sequence 0,1/2,3/4,1', () => {
    const seq = '0,1/2,3/4,1';
    assert.deepEqual(scales(segmentContext('0:1/2', seq), [1, 2, 3, 4]), [1, 1, 2, 2]);
    assert.deepEqual(scales(segmentContext('1/2:3/4', seq), [1, 2, 3, 4]), [0, 1, 1, 1]);
    assert.deepEqual(scales(segmentContext('3/4:1', seq), [1, 2, 3, 4]), [0, 0, 0, 1]);
  });

  it('lets the largest segment choose first: sequence 0,1/4,1/2,1', () => {
    const seq = '0,1/4,1/2,1';
    assert.deepEqual(scales(segmentContext('1/2:1', seq), [1, 2, 3, 4]), [1, 1, 2, 2]);
    assert.deepEqual(scales(segmentContext('0:1/4', seq), [1, 2, 3, 4]), [0, 1, 1, 1]);
    assert.deepEqual(scales(segmentContext('1/4:1/2', seq), [1, 2, 3, 4]), [0, 0, 0, 1]);
  });

  for (const seq of ['0,1/4,1/2,1', '0,1/3,2/3,1', '0,0.1,0.35,0.6,1', '0,10%,70%,1', '0,1/7,3/5,1']) {
    it(`partitions indices and sums scaled values to the whole: ${seq}`, () => {
      const contexts = segmentsOf(seq).map((s) => segmentContext(s, seq));
      for (let v = 0; v <= 200; v++) {
        const shares = contexts.map((c) => c.scale(v));
        assert.equal(
          shares.reduce((a, b) => a + b),
          v,
          `v=${v}`,
        );
      }
      const seen = new Set<number>();
      for (const c of contexts) {
        const cursor = c.indices();
        for (let n = 0; n < 100; n++) {
          const g = cursor.next();
          assert.equal(g, c.globalIndex(n));
          assert.ok(!seen.has(g), `index ${g} owned twice`);
          seen.add(g);
        }
      }
      // monotonic and each segment owns length·L of every block
      for (const c of contexts) {
        for (let v = 1; v <= 100; v++) assert.ok(c.scale(v) >= c.scale(v - 1));
        assert.equal(c.scale(COMMON_BLOCK), Math.round(c.lengthFraction * COMMON_BLOCK));
      }
    });
  }

  it('maps VU ids to unique ids in the test', () => {
    const seq = '0,1/3,2/3,1';
    const ids = segmentsOf(seq).flatMap((s) => [1, 2, 3].map((id) => segmentContext(s, seq).idInTest(id)));
    assert.deepEqual(
      [...ids].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it('without a sequence stripes over the sequence filled around the segment, as k6 (no rounding)', () => {
    const middle = segmentContext('1/3:2/3');
    assert.deepEqual(scales(middle, [1, 2, 3, 4, 5, 6]), scales(segmentContext('1/3:2/3', '0,1/3,2/3,1'), [1, 2, 3, 4, 5, 6]));
    assert.deepEqual(scales(middle, [1, 2, 3, 4, 5, 6]), [0, 1, 1, 1, 2, 2]);
    assert.deepEqual(scales(segmentContext('0:1/2'), [1, 3, 5]), [1, 2, 3]);
    assert.deepEqual(scales(segmentContext('1/2:1'), [1, 3, 5]), [0, 1, 2]);
    assert.equal(segmentContext('1/2:1').scaleRate(10), 5);
  });

  it('refuses absurdly fine sequences', () => {
    assert.throws(() => segmentContext('0:0.0000001', '0,0.0000001,0.00000011,1'), /coarser fractions/);
  });
});

describe('split (worker threads inside an instance)', () => {
  const sequence = '0,1/4,1/2,1';
  const instances = () => segmentsOf(sequence).map((s) => segmentContext(s, sequence));

  it("divides exactly the instance's own indices and shares", () => {
    for (const instance of instances()) {
      for (const count of [1, 2, 3]) {
        const parts = instance.split(count);
        for (let v = 0; v <= 100; v++) {
          assert.equal(
            parts.reduce((sum, p) => sum + p.scale(v), 0),
            instance.scale(v),
            `v=${v}`,
          );
        }
        const fromParts = parts.flatMap((p) => Array.from({ length: 40 }, (_, n) => p.globalIndex(n)));
        const own = Array.from({ length: 40 * count }, (_, n) => instance.globalIndex(n));
        assert.deepEqual(
          [...fromParts].sort((a, b) => a - b),
          own,
        );
      }
    }
  });

  it('keeps every index of the test owned exactly once across instances × workers', () => {
    const seen = new Set<number>();
    for (const part of instances().flatMap((i) => i.split(3))) {
      const cursor = part.indices();
      for (let n = 0; n < 50; n++) {
        const g = cursor.next();
        assert.equal(g, part.globalIndex(n));
        assert.ok(!seen.has(g), `index ${g} owned twice`);
        seen.add(g);
      }
    }
    assert.equal(seen.size, 9 * 50);
  });

  it('reports absolute bounds', () => {
    assert.deepEqual(segmentContext('1/2:1', sequence).split(2).map(String), ['1/2:3/4', '3/4:1']);
    assert.deepEqual(
      SegmentContext.full.split(2).map((p) => p.lengthFraction),
      [0.5, 0.5],
    );
  });
});

describe('re-segmenting by a value (k6 GetNewExecutionTupleFromValue, docs/k6-compatibility.md#execution-segments)', () => {
  it('gives 40 + 60 of 100 iterations to 5 VUs over 0:1/3 and 1/3:1', () => {
    const parts = ['0:1/3', '1/3:1'].map((s) => segmentContext(s));
    assert.deepEqual(scales(parts[0]!, [5]), [2]);
    const resegmented = parts.map((p) => p.resegment(5)!);
    assert.deepEqual(resegmented.map(String), ['0:2/5', '2/5:1']);
    assert.deepEqual(
      resegmented.map((p) => p.scale(100)),
      [40, 60],
    );
    // the raw segments would have given 33 + 67
    assert.deepEqual(
      parts.map((p) => p.scale(100)),
      [33, 67],
    );
  });

  it('keeps the sequence when the value is a multiple of L', () => {
    const half = segmentContext('0:1/2', '0,1/2,1');
    assert.equal(half.resegment(4), half);
    assert.equal(SegmentContext.full.resegment(7), SegmentContext.full);
  });

  it('leaves a segment with no share of the value without work', () => {
    const seq = '0,1/4,1/2,1';
    // value 1 goes to 1/2:1 only (its ScaleInt64 is [0, 0, 1])
    assert.equal(segmentContext('0:1/4', seq).resegment(1), undefined);
    assert.equal(segmentContext('1/4:1/2', seq).resegment(1), undefined);
    const owner = segmentContext('1/2:1', seq).resegment(1)!;
    assert.ok(owner.isFull);
    assert.equal(owner.scale(100), 100);
    assert.equal(SegmentContext.full.resegment(0), undefined);
  });

  for (const seq of ['0,1/3,1', '0,1/4,1/2,1', '0,1/3,2/3,1', '0,0.1,0.35,0.6,1', '0,1/7,3/5,1']) {
    it(`splits every total exactly and partitions the indices: ${seq}`, () => {
      for (let value = 1; value <= 23; value++) {
        const parts = segmentsOf(seq).map((s) => segmentContext(s, seq).resegment(value));
        for (const total of [value, 17, 100, 101]) {
          assert.equal(
            parts.reduce((sum, p) => sum + (p?.scale(total) ?? 0), 0),
            total,
            `value=${value} total=${total}`,
          );
        }
        const seen = new Set<number>();
        for (const p of parts) {
          if (!p) continue;
          const cursor = p.indices();
          for (let n = 0; n < 40; n++) seen.add(cursor.next());
        }
        assert.ok(
          [...Array(40).keys()].every((g) => seen.has(g)),
          `value=${value}: indices 0…39 covered`,
        );
        assert.equal(seen.size, 40 * parts.filter(Boolean).length, `value=${value}: no index owned twice`);
      }
    });
  }

  it('keeps worker parts of an instance adding up to its re-segmented share', () => {
    const seq = '0,1/3,1';
    for (const instance of segmentsOf(seq).map((s) => segmentContext(s, seq))) {
      for (const value of [1, 2, 5, 7]) {
        const whole = instance.resegment(value);
        const parts = instance.split(3).map((p) => p.resegment(value));
        if (!whole) {
          assert.ok(parts.every((p) => p === undefined));
          continue;
        }
        assert.equal(
          parts.reduce((sum, p) => sum + p!.scale(100), 0),
          whole.scale(100),
          `value=${value}`,
        );
        const fromParts = parts.flatMap((p) => Array.from({ length: 10 }, (_, n) => p!.globalIndex(n)));
        const own = Array.from({ length: 30 }, (_, n) => whole.globalIndex(n));
        assert.deepEqual(
          [...fromParts].sort((a, b) => a - b),
          own,
        );
      }
    }
  });
});
