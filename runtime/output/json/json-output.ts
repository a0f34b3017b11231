/** `--out json=FILE`: k6's JSON lines, one Point per sample (`.gz` compresses, "-" is stdout). */
import { ConfigError } from '../../errors.ts';
import { FileSink } from '../file-sink.ts';
import { thresholdsByMetric } from '../metric-thresholds.ts';
import type { MetricsInterval, Output, OutputContext } from '../output.ts';
import { metricLine, pointLine, pointTail } from './lines.ts';

export function jsonOutput(arg: string, ctx: OutputContext): Output {
  const fileName = arg;
  if (fileName === '') throw new ConfigError('output json needs a file: --out json=results.json (or .json.gz, or - for stdout)');
  const thresholds = thresholdsByMetric(ctx.options.thresholds);
  const declared = new Set<string>();
  let sink: FileSink | undefined;
  return {
    description: `json (${fileName})`,
    perSample: true,
    async start() {
      sink = await FileSink.open(fileName, 'output json');
    },
    addMetrics({ delta }: MetricsInterval) {
      const parts: string[] = [];
      const defs = new Map(delta.metrics.map((d) => [d.name, d]));
      for (const series of delta.series) {
        if (!declared.has(series.metric)) {
          declared.add(series.metric);
          parts.push(metricLine(defs.get(series.metric)!, thresholds.get(series.metric)));
        }
        const samples = series.samples;
        if (samples === undefined) continue;
        const tail = pointTail(series.metric, series.tags);
        for (let i = 0; i < samples.length; i += 2) parts.push(pointLine(samples[i]!, samples[i + 1]!, tail));
      }
      sink!.write(parts.join(''));
    },
    async stop() {
      await sink?.close();
    },
  };
}
