/** Writes the dashboards' JSON from their TypeScript builders: `npm run grafana:generate`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pipelineDashboard } from './dashboards/pipeline-dashboard.ts';

export const DASHBOARDS: Readonly<Record<string, () => object>> = {
  'streamprobe-pipeline.json': pipelineDashboard,
};

export const dashboardJson = (build: () => object): string => JSON.stringify(build(), null, 2) + '\n';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, build] of Object.entries(DASHBOARDS)) {
    writeFileSync(new URL(`./dashboards/${file}`, import.meta.url), dashboardJson(build));
  }
}
