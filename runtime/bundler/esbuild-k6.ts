/**
 * The esbuild settings every k6 bundle shares: `npm run build` uses them for build/*.js, and the
 * runtime's loader reuses target/supported/external so a script behaves the same in both engines.
 * Why these values: docs/k6-compatibility.md#bundles-for-real-k6 (what Sobek, k6's JS engine, cannot run).
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { BuildOptions, Message } from 'esbuild';

/** ES2020 makes esbuild lower `??=`, `1_000`, class fields with `#private`, `static {}` … */
export const K6_TARGET = 'es2020';

/**
 * Syntax Sobek lacks even though ES2020 allows it: esbuild lowers async iteration to helpers
 * and rejects top-level await at build time.
 */
export const K6_SUPPORTED: Readonly<Record<string, boolean>> = Object.freeze({
  'async-generator': false,
  'for-await': false,
  'top-level-await': false,
});

/** `k6` also externalises every subpath (`k6/http`, `k6/x/kafka`); remote jslib URLs stay imports. */
export const K6_EXTERNAL: readonly string[] = Object.freeze(['k6', 'https://*']);

/** The part of the settings that decides what code a script may contain: shared with the loader. */
export const k6SyntaxOptions = {
  target: K6_TARGET,
  supported: { ...K6_SUPPORTED },
  external: [...K6_EXTERNAL],
} satisfies BuildOptions;

/**
 * Full options for k6-ready ES-module bundles (one per entry point, linked source maps, no minify).
 * `overrides` is spread last (e.g. `entryPoints`, `outdir`, `write`, `logLevel`).
 */
export function k6BundleOptions(overrides: BuildOptions = {}): BuildOptions {
  return {
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    ...k6SyntaxOptions,
    sourcemap: true,
    minify: false,
    logLevel: 'silent',
    ...overrides,
  };
}

/**
 * An esbuild error or warning as `file:line:column: text`, the file absolute (esbuild's is relative to the working
 * folder), with the fix for an import that does not resolve.
 */
export function describeEsbuildMessage(m: Message): string {
  const file = m.location ? path.resolve(m.location.file) : undefined;
  const where = m.location ? `${file}:${m.location.line}:${m.location.column + 1}: ` : '';
  const unresolved = /^Could not resolve "(.+)"$/.exec(m.text)?.[1];
  return `${where}${m.text}${unresolved === undefined ? '' : `: ${unresolvedFix(unresolved, file)}`}`;
}

function unresolvedFix(specifier: string, importer: string | undefined): string {
  if (specifier.startsWith('.') || path.isAbsolute(specifier))
    return `no such file${importer ? ` from ${path.dirname(importer)}` : ''}; fix the path (relative paths start at the importing file's folder)`;
  if (isBuiltin(specifier))
    return "a Node.js built-in module, which k6 scripts cannot use (k6 is not Node.js); use k6's modules and open() instead";
  return "install the package with npm in the script's folder (or one above it), or import the file by a relative path";
}
