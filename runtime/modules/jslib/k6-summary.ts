/**
 * `https://jslib.k6.io/k6-summary/<version>/index.js`, which handleSummary() functions commonly
 * import: the same text summary the runtime prints, so such scripts run offline.
 */
import type { SummaryData } from '../../summary/data.ts';
import { textSummary } from '../../summary/text.ts';

export default function k6SummaryModule(): Record<string, unknown> {
  return {
    textSummary: (data: SummaryData, opts: { indent?: string; enableColors?: boolean } = {}) =>
      textSummary(data, { indent: opts.indent ?? ' ', enableColors: Boolean(opts.enableColors) }),
  };
}
