/**
 * The dashboard's HTML: one self-contained file with uPlot and the page script bundled inline by
 * esbuild (from node_modules, once per process), so the report opens with no network.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { DashboardView } from './model.ts';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1d2330; }
header { display: flex; gap: 16px; align-items: baseline; padding: 12px 20px; background: #1d2330; color: #fff; }
header h1 { font-size: 18px; margin: 0; }
header a { color: #9cc3ff; margin-left: auto; }
#state.running { color: #ffd479; } #state.ended { color: #9be59b; }
main { padding: 12px 20px; }
.block, .panel { background: #fff; border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; box-shadow: 0 1px 2px #0002; }
h2 { font-size: 15px; margin: 4px 0 8px; }
#panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 12px; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e4e6eb; font-variant-numeric: tabular-nums; }
tr.pass .status { color: #19803d; } tr.fail .status { color: #c62828; font-weight: bold; } tr.pending .status { color: #777; }
.cards { display: flex; gap: 12px; } .verdict { padding: 6px 12px; border-radius: 4px; }
.verdict b { font-size: 20px; margin-right: 8px; } .verdict.good { background: #e3f5e8; } .verdict.bad { background: #fbe1e1; }
`;

const require = createRequire(import.meta.url);
let assets: Promise<{ script: string; css: string }> | undefined;

/** the bundled page script and uPlot's stylesheet, built on first use */
function pageAssets(): Promise<{ script: string; css: string }> {
  assets ??= (async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./client.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const css = await readFile(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    return { script: bundle.outputFiles[0]!.text, css };
  })();
  return assets;
}

/** text that may sit inside a <script> or <style> element without ending it */
const inert = (text: string): string => text.replace(/<\/(script|style)/gi, '<\\/$1');

/** The live page when `view` is undefined (it subscribes to `events`), else the report of `view`. */
export async function dashboardHtml(view: DashboardView | undefined): Promise<string> {
  const { script, css } = await pageAssets();
  const data =
    view === undefined
      ? ''
      : `<script id="dashboard-data" type="application/json">${JSON.stringify(view).replace(/</g, '\\u003c')}</script>`;
  const link = view === undefined ? '<a href="report" download="report.html">download report</a>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>streamprobe</title>
<style>${inert(css)}${STYLE}</style></head>
<body><header><h1 id="title">streamprobe</h1><span id="state"></span>${link}</header>
<main><div id="blocks"></div><div id="panels"></div><div id="end"></div></main>
${data}<script>${inert(script)}</script></body></html>
`;
}
