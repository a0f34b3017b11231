/** Threshold expressions `<aggregation> <op> <number>` (docs/k6-compatibility.md#thresholds). */
import { ConfigError } from '../errors.ts';

export type ThresholdOperator = '<=' | '<' | '>=' | '>' | '==' | '!=';

export interface ThresholdExpression {
  /** as written, e.g. "p(99.90) < 300" */
  readonly aggregation: string;
  readonly operator: ThresholdOperator;
  readonly value: number;
}

/** k6 looks for the operators in this order; the first one found splits the expression. */
const OPERATORS = ['<=', '<', '>=', '>', '===', '==', '!='] as const;
const GO_FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity)$/i;

export function parseThresholdExpression(source: string): ThresholdExpression {
  for (const op of OPERATORS) {
    const at = source.indexOf(op);
    if (at === -1) continue;
    const aggregation = source.slice(0, at).trim();
    const number = source.slice(at + op.length).trim();
    if (aggregation === '') throw expressionError(source, `no aggregation before "${op}"`);
    if (!GO_FLOAT.test(number)) throw expressionError(source, `"${number}" after "${op}" is not a number`);
    return {
      aggregation,
      operator: op === '===' ? '==' : op,
      value: /inf/i.test(number) ? (number.startsWith('-') ? -Infinity : Infinity) : Number(number),
    };
  }
  throw expressionError(source, 'no comparison operator (one of <=, <, >=, >, ==, ===, !=)');
}

export function compare(observed: number, operator: ThresholdOperator, value: number): boolean {
  switch (operator) {
    case '<=':
      return observed <= value;
    case '<':
      return observed < value;
    case '>=':
      return observed >= value;
    case '>':
      return observed > value;
    case '==':
      return observed === value;
    case '!=':
      return observed !== value;
  }
}

function expressionError(source: string, problem: string): ConfigError {
  return new ConfigError(`invalid threshold expression "${source}": ${problem}; write e.g. "p(95)<200" or "rate>=0.99"`);
}
