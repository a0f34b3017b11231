/** Metric selectors of threshold keys: `name` or a sub-metric `name{tag:value,tag2:"v 2"}` (docs/k6-compatibility.md#thresholds). */
import { ConfigError } from '../errors.ts';
import type { Tags } from '../metrics/metric.ts';

export interface MetricSelector {
  readonly metric: string;
  /** tags a sample must all carry to count in the sub-metric; undefined for the whole metric */
  readonly filter?: Tags;
}

const FORM = 'write sub-metrics as name{tag:value,tag2:"value 2"}';

export function parseMetricSelector(key: string): MetricSelector {
  const text = key.trim();
  const open = text.indexOf('{');
  if (open === -1) {
    if (text.includes('}')) throw selectorError(key, 'a "}" without "{"');
    return { metric: text };
  }
  if (!text.endsWith('}')) throw selectorError(key, 'the "{" is not closed by a "}" at the end');
  const body = text.slice(open + 1, -1);
  if (body.trim() === '') throw selectorError(key, 'no tags between "{" and "}"');
  const filter: Record<string, string> = {};
  for (const pair of splitOutsideQuotes(key, body, ',')) {
    const [name, value] = splitOutsideQuotes(key, pair, ':', 2);
    const tag = unquote(name!);
    if (tag === '') throw selectorError(key, `a tag without a name in "${pair.trim()}"`);
    if (value === undefined || value.trim() === '') throw selectorError(key, `tag "${tag}" has no value`);
    filter[tag] = unquote(value);
  }
  return { metric: text.slice(0, open).trim(), filter };
}

/** Splits on `separator` outside '…' or "…" quotes; braces outside quotes are errors. */
function splitOutsideQuotes(key: string, text: string, separator: string, limit = Infinity): string[] {
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '{' || c === '}') {
      throw selectorError(key, `an unmatched "${c}"`);
    } else if (c === separator && parts.length < limit - 1) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote !== '') throw selectorError(key, `an unterminated ${quote} quote`);
  parts.push(text.slice(start));
  return parts;
}

function unquote(text: string): string {
  const t = text.trim();
  const q = t[0];
  if (t.length >= 2 && (q === '"' || q === "'") && t.endsWith(q)) return t.slice(1, -1);
  return t;
}

function selectorError(key: string, problem: string): ConfigError {
  return new ConfigError(`invalid threshold metric "${key}": ${problem}; ${FORM}`);
}
