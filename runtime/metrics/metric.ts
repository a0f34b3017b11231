export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
/** k6's "contains": time values are milliseconds, data values are bytes. */
export type ValueType = 'default' | 'time' | 'data';
export type Tags = Readonly<Record<string, string>>;

export interface MetricDef {
  readonly name: string;
  readonly type: MetricType;
  readonly contains: ValueType;
}
