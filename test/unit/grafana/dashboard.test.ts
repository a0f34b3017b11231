/** The Grafana dashboards: generated from their builders, valid PromQL, a sound structure, the provisioned data source. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parser } from '@prometheus-io/lezer-promql';
import { DASHBOARDS, dashboardJson } from '../../../grafana/generate.ts';
import { DATASOURCE_VARIABLE } from '../../../grafana/dashboards/panels.ts';

const GRAFANA = new URL('../../../grafana/', import.meta.url);
const BUILTIN_VARIABLES = new Set(['__rate_interval', '__interval', '__range', '__all']);

interface Dashboard {
  panels: {
    id: number;
    gridPos: { x: number; y: number; w: number; h: number };
    datasource: { uid: string };
    targets: { expr: string }[];
  }[];
  templating: { list: { name: string; type: string; current?: { value: unknown }; definition?: string }[] };
  annotations: { list: { expr: string; datasource: { uid: string } }[] };
}

const dashboards = Object.keys(DASHBOARDS).map((file) => ({
  file,
  text: readFileSync(new URL(`dashboards/${file}`, GRAFANA), 'utf8'),
}));

/** every PromQL expression a dashboard sends: panel targets and annotations */
const expressions = (d: Dashboard) => [...d.panels.flatMap((p) => p.targets.map((t) => t.expr)), ...d.annotations.list.map((a) => a.expr)];

/** Grafana's macros and variables, replaced as Grafana would before sending a query */
const substitute = (expr: string) => expr.replace(/\$__rate_interval/g, '1m').replace(/\$\{?(\w+)\}?/g, '.*');

function syntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`at ${node.from}: ${JSON.stringify(expr.slice(node.from, node.to + 5))}`);
    },
  });
  return errors;
}

describe('grafana dashboards', () => {
  for (const { file, text } of dashboards) {
    const d = JSON.parse(text) as Dashboard;

    it(`${file} is what its generator writes (npm run grafana:generate)`, () => {
      assert.equal(text, dashboardJson(DASHBOARDS[file]!));
    });

    it(`${file}: every PromQL expression parses`, () => {
      const exprs = expressions(d);
      assert.ok(exprs.length > 10);
      for (const expr of exprs) assert.deepEqual(syntaxErrors(substitute(expr)), [], expr);
    });

    it(`${file}: the parser does catch a broken expression`, () => {
      assert.notDeepEqual(syntaxErrors('sum(rate(k6_vus[1m])'), []);
    });

    it(`${file}: unique panel ids, grid inside 24 columns, no overlaps`, () => {
      const ids = d.panels.map((p) => p.id);
      assert.equal(new Set(ids).size, ids.length);
      const cells = new Set<string>();
      for (const { gridPos: g } of d.panels) {
        assert.ok(g.x >= 0 && g.w > 0 && g.x + g.w <= 24, JSON.stringify(g));
        for (let x = g.x; x < g.x + g.w; x++) {
          for (let y = g.y; y < g.y + g.h; y++) {
            assert.ok(!cells.has(`${x},${y}`), `panels overlap at ${x},${y}`);
            cells.add(`${x},${y}`);
          }
        }
      }
    });

    it(`${file}: every variable used is defined`, () => {
      const defined = new Set(d.templating.list.map((v) => v.name));
      const used = new Set([...text.matchAll(/\$\{?(\w+)\}?/g)].map((m) => m[1]!).filter((n) => !BUILTIN_VARIABLES.has(n)));
      for (const name of used) assert.ok(defined.has(name), `variable $${name} is used but not defined`);
      assert.ok(used.has('testid'));
    });

    it(`${file}: panels use the data-source variable, whose default is the provisioned data source`, () => {
      const provisioned = /\buid:\s*(\S+)/.exec(readFileSync(new URL('provisioning/datasources/prometheus.yaml', GRAFANA), 'utf8'))![1];
      const variable = d.templating.list.find((v) => v.name === DATASOURCE_VARIABLE)!;
      assert.equal(variable.type, 'datasource');
      assert.equal(variable.current?.value, provisioned);
      for (const p of d.panels) assert.equal(p.datasource.uid, `\${${DATASOURCE_VARIABLE}}`);
      for (const a of d.annotations.list) assert.equal(a.datasource.uid, `\${${DATASOURCE_VARIABLE}}`);
    });
  }

  it('the dashboard provider loads the folder the compose file mounts the dashboards into', () => {
    const provider = readFileSync(new URL('provisioning/dashboards/streamprobe.yaml', GRAFANA), 'utf8');
    const compose = readFileSync(new URL('../infra/docker-compose.yml', GRAFANA), 'utf8');
    const folder = /path:\s*(\S+)/.exec(provider)![1]!;
    assert.match(compose, new RegExp(`grafana/dashboards:${folder}`));
    assert.match(compose, /grafana\/provisioning:\/etc\/grafana\/provisioning/);
  });
});
