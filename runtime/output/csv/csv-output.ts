/** `--out csv=…`: one row per sample in k6's columns, written every saveInterval. */
import { FileSink } from '../file-sink.ts';
import type { MetricsInterval, Output, OutputContext } from '../output.ts';
import { csvConfig } from './config.ts';
import { formatTime, headerRow, row, tagCells, tagColumns } from './rows.ts';

export function csvOutput(arg: string, ctx: OutputContext): Output {
  const config = csvConfig(arg, ctx.env);
  const columns = tagColumns(ctx.options.systemTags);
  let sink: FileSink | undefined;
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    sink!.write(pending.join(''));
    pending = [];
  };
  return {
    description: `csv (${config.fileName})`,
    perSample: true,
    async start() {
      sink = await FileSink.open(config.fileName, 'output csv');
      sink.write(headerRow(columns));
      timer = setInterval(save, config.saveIntervalMs);
    },
    addMetrics({ delta }: MetricsInterval) {
      for (const series of delta.series) {
        const samples = series.samples;
        if (samples === undefined) continue;
        const cells = tagCells(series.tags, columns);
        for (let i = 0; i < samples.length; i += 2) {
          pending.push(row(series.metric, formatTime(samples[i]!, config.timeFormat), samples[i + 1]!, cells));
        }
      }
    },
    async stop() {
      clearInterval(timer);
      if (sink === undefined) return;
      save();
      await sink.close();
    },
  };
}
