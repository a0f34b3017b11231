/** Writes the JUnit XML file when the run ends (nothing when it ended before the test ran). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Output, TestEnd } from '../output.ts';
import { checkCases, junitXml, thresholdCases } from './junit-xml.ts';

export function junitOutput(file: string): Output {
  let startEpochMs = 0;
  return {
    description: `junit (${file})`,
    async start(start) {
      startEpochMs = start;
    },
    addMetrics() {},
    async stop(end: TestEnd | undefined) {
      if (end === undefined) return;
      const xml = junitXml(
        [
          { name: 'thresholds', cases: thresholdCases(end.summary) },
          { name: 'checks', cases: checkCases(end.summary.root_group) },
        ],
        end.durationMs,
        new Date(startEpochMs).toISOString().replace(/\.\d+Z$/, ''),
      );
      const target = path.resolve(file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, xml);
    },
  };
}
