/// <reference lib="dom" />
/**
 * The dashboard page, bundled for the browser with uPlot inlined. It draws a `DashboardView`: the
 * report embeds one in `#dashboard-data`; the live page receives a fresh one with every
 * server-sent `view` event. `window.dashboardCharts` and `window.dashboardView` let tests look in.
 */
import uPlot from 'uplot';
import type { DashboardView, FaultWindow, PanelData, SummaryRow, ThresholdRow } from './model.ts';
import type { PanelUnit } from './panels.ts';

declare global {
  interface Window {
    dashboardCharts: Record<string, uPlot>;
    dashboardView: DashboardView | undefined;
  }
}

const COLORS = ['#2f6fdf', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#13a4b4'];
const FAULT_FILL = 'rgba(220, 50, 50, 0.12)';

window.dashboardCharts = {};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function formatNumber(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  return abs >= 100 ? v.toFixed(0) : v.toFixed(abs >= 1 ? 2 : 3);
}

function formatMs(ms: number): string {
  if (ms === 0) return '0';
  if (Math.abs(ms) < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (Math.abs(ms) < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

function formatBytes(b: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  while (Math.abs(b) >= 1000 && i < units.length - 1) {
    b /= 1000;
    i++;
  }
  return `${b.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

function formatValue(v: number, unit: PanelUnit): string {
  if (unit === 'ms') return formatMs(v);
  return unit === 'per-second' ? `${formatNumber(v)}/s` : formatNumber(v);
}

/** shades the fault windows (of the latest view: they grow while a fault lasts) behind the series */
function faultBands(): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx, bbox } = u;
        const faults: readonly FaultWindow[] = window.dashboardView?.faults ?? [];
        ctx.save();
        ctx.fillStyle = FAULT_FILL;
        for (const f of faults) {
          const x0 = Math.max(u.valToPos(f.fromMs / 1000, 'x', true), bbox.left);
          const x1 = Math.min(u.valToPos(f.toMs / 1000, 'x', true), bbox.left + bbox.width);
          if (x1 > x0) ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
        }
        ctx.restore();
      },
    },
  };
}

function chartData(view: DashboardView, panel: PanelData): uPlot.AlignedData {
  return [view.times.map((t) => t / 1000), ...panel.series.map((s) => s.values)];
}

function createChart(host: HTMLElement, view: DashboardView, panel: PanelData): uPlot {
  const opts: uPlot.Options = {
    width: Math.max(host.clientWidth - 16, 300),
    height: 220,
    plugins: [faultBands()],
    scales: { y: { range: (_u, min, max) => [Math.min(0, min ?? 0), max !== null && max > 0 ? max * 1.1 : 1] } },
    axes: [{}, { size: 70, values: (_u, ticks) => ticks.map((t) => formatValue(t, panel.unit)) }],
    series: [
      {},
      ...panel.series.map((s, i) => ({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        value: (_u: uPlot, v: number | null) => (v == null ? '–' : formatValue(v, panel.unit)),
      })),
    ],
  };
  return new uPlot(opts, chartData(view, panel), host);
}

function drawPanels(root: HTMLElement, view: DashboardView): void {
  for (const panel of view.panels) {
    const existing = window.dashboardCharts[panel.id];
    const key = panel.series.map((s) => s.label).join('|');
    let box = root.querySelector<HTMLElement>(`[data-panel="${panel.id}"]`);
    if (existing && box?.dataset.key === key) {
      existing.setData(chartData(view, panel));
      continue;
    }
    existing?.destroy();
    if (!box) {
      box = el('section', { class: 'panel', 'data-panel': panel.id }, el('h2', {}, panel.title));
      root.append(box);
    }
    box.dataset.key = key;
    const plot = el('div', { class: 'plot' });
    box.querySelector('.plot')?.remove();
    box.append(plot);
    window.dashboardCharts[panel.id] = createChart(box, view, panel);
  }
}

function thresholdTable(rows: readonly ThresholdRow[]): HTMLElement {
  const body = rows.map((r) => {
    const status = r.ok === undefined ? 'pending' : r.ok ? 'pass' : 'fail';
    return el(
      'tr',
      { class: status, 'data-metric': r.metric, 'data-threshold': r.source, 'data-status': status },
      el('td', {}, r.metric),
      el('td', {}, r.source),
      el('td', {}, r.value === undefined ? '–' : formatNumber(r.value)),
      el('td', { class: 'status' }, status === 'pass' ? '✓ pass' : status === 'fail' ? '✗ fail' : '… pending'),
    );
  });
  const head = el('tr', {}, el('th', {}, 'metric'), el('th', {}, 'threshold'), el('th', {}, 'value'), el('th', {}, 'result'));
  return el('table', { id: 'thresholds' }, el('thead', {}, head), el('tbody', {}, ...body));
}

function summaryValue(row: SummaryRow, key: string, v: number): string {
  if (row.type === 'rate') return key === 'rate' ? `${(v * 100).toFixed(2)}%` : formatNumber(v);
  const perSecond = row.type === 'counter' && key === 'rate';
  const text = row.contains === 'time' ? formatMs(v) : row.contains === 'data' ? formatBytes(v) : formatNumber(v);
  return perSecond ? `${text}/s` : text;
}

function summaryTable(rows: readonly SummaryRow[]): HTMLElement {
  const body = rows.map((r) =>
    el(
      'tr',
      { 'data-metric': r.metric },
      el('td', {}, r.metric),
      el(
        'td',
        {},
        Object.entries(r.values)
          .map(([k, v]) => `${k}=${summaryValue(r, k, v)}`)
          .join('  '),
      ),
    ),
  );
  return el('table', { id: 'summary' }, el('tbody', {}, ...body));
}

function section(id: string, title: string, content: HTMLElement): HTMLElement {
  return el('section', { id, class: 'block' }, el('h2', {}, title), content);
}

function render(view: DashboardView): void {
  window.dashboardView = view;
  const byId = (id: string) => document.getElementById(id)!;
  document.title = `streamprobe · ${view.title}`;
  const elapsed = ((view.end?.durationMs ?? (view.times.at(-1) ?? view.startMs) - view.startMs) / 1000).toFixed(0);
  byId('title').textContent = view.title;
  byId('state').textContent = view.end ? `finished in ${elapsed}s, exit code ${view.end.exitCode}` : `running · ${elapsed}s`;
  byId('state').className = view.end ? 'ended' : 'running';

  const blocks = byId('blocks');
  blocks.replaceChildren();
  if (view.thresholds.length > 0) blocks.append(section('thresholds-block', 'Thresholds', thresholdTable(view.thresholds)));
  if (view.verdicts.length > 0) {
    const cards = view.verdicts.map((v) =>
      el('div', { class: v.count > 0 ? 'verdict bad' : 'verdict good', 'data-metric': v.metric }, el('b', {}, String(v.count)), v.metric),
    );
    blocks.append(section('verdicts', 'Oracle verdicts', el('div', { class: 'cards' }, ...cards)));
  }
  if (view.faults.length > 0) {
    const list = view.faults.map((f) =>
      el('li', {}, `${f.fault}: ${((f.fromMs - view.startMs) / 1000).toFixed(0)}s – ${((f.toMs - view.startMs) / 1000).toFixed(0)}s`),
    );
    blocks.append(section('faults', 'Fault windows (shaded in the charts)', el('ul', {}, ...list)));
  }
  drawPanels(byId('panels'), view);
  byId('end').replaceChildren(...(view.end ? [section('summary-block', 'End of test summary', summaryTable(view.end.summary))] : []));
}

function main(): void {
  const embedded = document.getElementById('dashboard-data');
  if (embedded) {
    render(JSON.parse(embedded.textContent ?? '{}') as DashboardView);
    return;
  }
  const source = new EventSource('events');
  source.addEventListener('view', (e) => render(JSON.parse((e as MessageEvent<string>).data) as DashboardView));
}

main();
