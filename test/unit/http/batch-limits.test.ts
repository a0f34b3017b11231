import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLimited } from '../../../runtime/modules/k6/http/runner.ts';
import type { RequestSpec } from '../../../runtime/modules/k6/http/types.ts';

const spec = (url: string) => ({ url }) as RequestSpec;

describe('batch concurrency', () => {
  it('keeps to batch and batchPerHost and returns results in input order', async () => {
    const specs = [...Array(12)].map((_, i) => spec(`http://${i % 2 ? 'a' : 'b'}:1/${i}`));
    let active = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let peakPerHost = 0;
    const results = await runLimited(specs, { batch: 5, batchPerHost: 2 }, async (s) => {
      const host = new URL(s.url).host;
      active++;
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      peak = Math.max(peak, active);
      peakPerHost = Math.max(peakPerHost, perHost.get(host)!);
      await new Promise((r) => setTimeout(r, 2));
      active--;
      perHost.set(host, perHost.get(host)! - 1);
      return s.url;
    });
    assert.deepEqual(
      results,
      specs.map((s) => s.url),
    );
    assert.equal(peakPerHost, 2);
    assert.equal(peak, 4, 'two hosts × two per host');
  });

  it('an empty batch resolves at once; a failing request fails the batch', async () => {
    assert.deepEqual(await runLimited([], { batch: 1, batchPerHost: 1 }, async () => 1), []);
    await assert.rejects(
      runLimited([spec('http://h/')], { batch: 1, batchPerHost: 0 }, () => Promise.reject(new Error('boom'))),
      /boom/,
    );
  });
});
