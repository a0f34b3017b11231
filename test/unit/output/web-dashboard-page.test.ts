import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashboardModel } from '../../../runtime/output/web-dashboard/model.ts';
import { dashboardHtml } from '../../../runtime/output/web-dashboard/page.ts';

describe('web dashboard page', () => {
  it('is one self-contained file: no external scripts, styles or links', async () => {
    const html = await dashboardHtml(new DashboardModel({ title: 'x.ts', periodMs: 1000, thresholds: {} }).view());
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    assert.match(html, /uplot/i, 'uPlot is inlined');
  });

  it('embeds the view so that no text in it can end the script element', async () => {
    const html = await dashboardHtml(new DashboardModel({ title: '</script><b>x', periodMs: 1000, thresholds: {} }).view());
    const data = /<script id="dashboard-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
    assert.equal(JSON.parse(data).title, '</script><b>x');
  });

  it('subscribes to server-sent events when live', async () => {
    const html = await dashboardHtml(undefined);
    assert.doesNotMatch(html, /<script id="dashboard-data"/);
    assert.match(html, /EventSource/);
  });
});
