/** The outputs `-o/--out NAME[=ARG]` can name (k6's names), each with the factory that builds it. */
import { csvOutput } from './csv/csv-output.ts';
import { jsonOutput } from './json/json-output.ts';
import type { OutputFactory } from './output.ts';
import { prometheusRemoteWriteOutput } from './prometheus-rw/prometheus-rw-output.ts';
import { webDashboardOutput } from './web-dashboard/index.ts';

export const OUTPUTS: Readonly<Record<string, OutputFactory>> = {
  csv: csvOutput,
  'experimental-prometheus-rw': prometheusRemoteWriteOutput,
  json: jsonOutput,
  'web-dashboard': webDashboardOutput,
};
