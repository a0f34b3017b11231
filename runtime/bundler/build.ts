/**
 * `npm run build`: bundles every scripts/*.ts into build/<name>.js (k6-ready ES modules with
 * source maps), then checks the bundles can run in real k6.
 *
 * CLI: `tsx runtime/bundler/build.ts [--scripts <dir>] [--outdir <dir>]`; exit 1 on any error.
 */
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message } from 'esbuild';
import { checkBundleFiles, formatProblem, type BundleProblem } from './check.ts';
import { describeEsbuildMessage, k6BundleOptions } from './esbuild-k6.ts';

export interface BuildScriptsOptions {
  scriptsDir?: string;
  outDir?: string;
}

export interface BuildScriptsResult {
  bundles: string[];
  /** esbuild errors, formatted `file:line:col: text` */
  errors: string[];
  /** esbuild warnings (e.g. BigInt, which older k6 builds lack), same format */
  warnings: string[];
  problems: BundleProblem[];
}

/** Bundles and checks; never throws for script errors, it returns them. */
export async function buildScripts(opts: BuildScriptsOptions = {}): Promise<BuildScriptsResult> {
  const scriptsDir = resolve(opts.scriptsDir ?? 'scripts');
  const outDir = resolve(opts.outDir ?? 'build');
  const entryPoints = (await readdir(scriptsDir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => join(scriptsDir, name));
  if (entryPoints.length === 0) return { bundles: [], errors: [`no scripts/*.ts found in ${scriptsDir}`], warnings: [], problems: [] };

  let warnings: Message[];
  try {
    ({ warnings } = await build(k6BundleOptions({ entryPoints, outdir: outDir, outbase: scriptsDir })));
  } catch (err) {
    const failure = err as { errors?: Message[]; warnings?: Message[] };
    if (!failure.errors) throw err;
    return {
      bundles: [],
      errors: failure.errors.map(describeEsbuildMessage),
      warnings: (failure.warnings ?? []).map(describeEsbuildMessage),
      problems: [],
    };
  }
  const bundles = entryPoints.map((e) => join(outDir, basename(e).replace(/\.ts$/, '.js')));
  return { bundles, errors: [], warnings: warnings.map(describeEsbuildMessage), problems: await checkBundleFiles(bundles) };
}

async function main(args: string[]): Promise<number> {
  const opts: BuildScriptsOptions = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--scripts') opts.scriptsDir = args[++i];
    else if (args[i] === '--outdir') opts.outDir = args[++i];
    else {
      console.error(`build: unknown argument '${args[i]}' (use --scripts <dir> and --outdir <dir>)`);
      return 1;
    }
  }
  const result = await buildScripts(opts);
  for (const w of result.warnings) console.error(`warning: ${w}`);
  for (const e of result.errors) console.error(e);
  for (const p of result.problems) console.error(formatProblem(p));
  if (result.errors.length > 0 || result.problems.length > 0) {
    console.error('build: failed; the bundles above would not run in real k6');
    return 1;
  }
  console.log(`build: ${result.bundles.length} bundle(s) written and checked: ${result.bundles.map((b) => basename(b)).join(', ')}`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
