// The processor's JUnit tests (sut/processor/src/test: the validator's fast path against Jackson, …) through Maven, so
// npm test counts them; the differential test also gets records of the real lib/events generator, malformed kinds included.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EventGenerator, eventValue } from '../../../lib/events.ts';
import { runMaven } from '../../../sut/toolchain.ts';

const dir = mkdtempSync(join(tmpdir(), 'sp-processor-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** one record value a line (lib/events writes ASCII JSON without line breaks), from generators with unusual ids */
function writeCorpus(path: string): void {
  const lines: string[] = [];
  for (const generatorId of ['0', 'vu {7}, [x]: ~/|']) {
    const gen = new EventGenerator({
      seed: 8,
      generatorId,
      malformedFraction: 0.2,
      lateFraction: 0.05,
      outOfOrderFraction: 0.05,
      duplicateFraction: 0.05,
      oversizedBytes: 16_385, // just over the limit
    });
    for (let sent = 0; sent < 50; sent++) for (const e of gen.batch(100, 1_796_068_145_000 + sent * 37)) lines.push(eventValue(e));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

test('the processor JUnit tests pass (mvn test in sut/processor)', () => {
  const corpus = join(dir, 'events.txt');
  writeCorpus(corpus);
  const mvn = runMaven([`-DbuildDir=${join(dir, 'target')}`, `-Dstreamprobe.eventsCorpus=${corpus}`, 'test'], 'pipe');
  assert.equal(mvn.error, undefined, `Maven did not start: ${mvn.error?.message}`);
  assert.equal(mvn.status, 0, `mvn test failed (exit ${mvn.status}):\n${mvn.stdout}${mvn.stderr}`);
});
