/** Small builders for Grafana's classic dashboard JSON model (schemaVersion 39): what our dashboards use, nothing more. */

export const DATASOURCE_VARIABLE = 'DS_PROMETHEUS';
/** the uid of the data source in grafana/provisioning/datasources/prometheus.yaml */
export const PROVISIONED_DATASOURCE_UID = 'streamprobe-prometheus';
const datasource = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };

export interface Target {
  readonly expr: string;
  readonly legend: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly targets: readonly Target[];
  readonly width: number;
  readonly height?: number;
  readonly type?: 'timeseries' | 'stat';
}

/** Lays panels out left to right in rows of 24 columns; ids count from 1. */
export function layout(panels: readonly PanelSpec[]): object[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return panels.map((p, i) => {
    const h = p.height ?? 8;
    if (x + p.width > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { h, w: p.width, x, y };
    x += p.width;
    rowHeight = Math.max(rowHeight, h);
    return panel(i + 1, p, gridPos);
  });
}

function panel(id: number, p: PanelSpec, gridPos: object): object {
  const type = p.type ?? 'timeseries';
  return {
    id,
    type,
    title: p.title,
    description: p.description,
    datasource,
    gridPos,
    fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
    options:
      type === 'stat'
        ? {
            reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
            colorMode: 'value',
            graphMode: 'area',
            textMode: 'value_and_name',
          }
        : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'none' } },
    targets: p.targets.map((t, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource,
      editorMode: 'code',
      expr: t.expr,
      legendFormat: t.legend,
      range: true,
    })),
  };
}

export function datasourceVariable(): object {
  return {
    name: DATASOURCE_VARIABLE,
    label: 'Prometheus',
    type: 'datasource',
    query: 'prometheus',
    current: { selected: true, text: 'Prometheus', value: PROVISIONED_DATASOURCE_UID },
    hide: 0,
    refresh: 1,
    regex: '',
    options: [],
  };
}

/** A multi-select query variable over a label's values, "All" matching everything. */
export function labelVariable(name: string, label: string, query: string): object {
  return {
    name,
    label,
    type: 'query',
    datasource,
    definition: query,
    query: { query, refId: `${name}-query` },
    multi: true,
    includeAll: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    refresh: 2,
    sort: 1,
    hide: 0,
    regex: '',
    options: [],
  };
}

export function annotation(name: string, expr: string, titleFormat: string, iconColor: string): object {
  return { name, datasource, enable: true, expr, titleFormat, textFormat: '', tagKeys: '', iconColor, step: '1s', useValueForTime: false };
}
