/**
 * Checks a `--summary-export` file against a corpus expectation:
 *   npx tsx test/compat/verify.ts <expected.json> <summary-export.json> [exit code of the run]
 * Exits 0 when it matches, else prints the differences and exits 1. The k6-compat workflow runs it
 * on real k6's export; the corpus test uses the same comparison on streamprobe's.
 */
import { readFileSync } from 'node:fs';
import { compareExport, parseExpectation } from './expectations.ts';

const [expectedFile, exportFile, exitCode] = process.argv.slice(2);
if (!expectedFile || !exportFile) {
  console.error('usage: verify.ts <expected.json> <summary-export.json> [exit code of the run]');
  process.exit(2);
}
const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    process.exit(2);
  }
};
const expected = parseExpectation(readJson(expectedFile), expectedFile);
const diffs = compareExport(expected, readJson(exportFile));
if (exitCode !== undefined && Number(exitCode) !== expected.exitCode)
  diffs.unshift(`exit code: expected ${expected.exitCode}, got ${exitCode}`);
if (diffs.length > 0) {
  console.error(`${expectedFile} (${expected.description}):\n  ${diffs.join('\n  ')}`);
  process.exit(1);
}
console.log(`${expectedFile}: matches`);
