/**
 * Bundles a test script (TypeScript, k6 JavaScript, or an existing build/*.js) into one CommonJS
 * function body whose `k6*` imports become `require()` calls answered by per-VU module instances.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ExitCode, StreamprobeError } from '../errors.ts';
import { describeEsbuildMessage, k6SyntaxOptions } from '../bundler/esbuild-k6.ts';

export interface ScriptBundle {
  readonly scriptPath: string;
  /** the filename compiled code reports in stack traces */
  readonly filename: string;
  readonly code: string;
  /** esbuild's source map (JSON), to point errors at the user's lines */
  readonly sourceMap: string;
  /** absolute paths of the files bundled (the script and every module it imports) */
  readonly modules: readonly string[];
}

export async function bundleScript(scriptPath: string): Promise<ScriptBundle> {
  const abs = path.resolve(scriptPath);
  if (!existsSync(abs)) {
    throw new StreamprobeError(`script not found: ${scriptPath}; give the path of a .ts or .js test script`, ExitCode.Generic);
  }
  let result: esbuild.BuildResult<{ write: false }>;
  try {
    result = await esbuild.build({
      entryPoints: [abs],
      bundle: true,
      write: false,
      // the syntax k6's engine accepts, so a script that runs here runs in k6 too
      ...k6SyntaxOptions,
      format: 'cjs',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      sourcemap: 'external',
      outfile: `${abs}.bundle.js`,
      logLevel: 'silent',
      metafile: true,
    });
  } catch (err) {
    const errors = (err as esbuild.BuildFailure).errors ?? [];
    const detail = errors.map(describeEsbuildMessage).join('\n');
    throw new StreamprobeError(`could not load ${scriptPath}:\n${detail || String(err)}`, ExitCode.ScriptException);
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const modules = Object.keys(result.metafile?.inputs ?? {}).map((input) => path.resolve(input));
  return { scriptPath: abs, filename: `${abs}.bundle.js`, code: js!.text, sourceMap: map?.text ?? '', modules };
}
