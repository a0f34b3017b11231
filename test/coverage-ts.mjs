// Loads the TypeScript sources for coverage runs (test/coverage.sh) instead of tsx: tsx compiles each file with its
// whitespace minified, onto a few long lines, and c8 then counts lines of functions that never ran as covered.
import { register } from 'node:module';

register('./coverage-ts-hooks.mjs', import.meta.url);
