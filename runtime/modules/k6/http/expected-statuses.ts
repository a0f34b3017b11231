/** `http.expectedStatuses()`: which statuses count as expected for `http_req_failed` (default 200–399). */

/** Plain data, so a classic-mode I/O thread could evaluate it too. */
export interface ResponseCallbackData {
  readonly statuses: readonly number[];
  readonly ranges: readonly (readonly [min: number, max: number])[];
}

export const DEFAULT_RESPONSE_CALLBACK: ResponseCallbackData = Object.freeze({ statuses: [], ranges: [[200, 399] as const] });

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function expectedStatuses(...args: unknown[]): ResponseCallbackData {
  const statuses: number[] = [];
  const ranges: [number, number][] = [];
  args.forEach((arg, i) => {
    if (isInt(arg)) statuses.push(arg);
    else if (typeof arg === 'object' && arg !== null && isInt((arg as { min?: unknown }).min) && isInt((arg as { max?: unknown }).max)) {
      const { min, max } = arg as { min: number; max: number };
      ranges.push([min, max]);
    } else {
      throw new TypeError(
        `expectedStatuses: argument ${i + 1} must be an integer status or an object {min, max} of integers, got ${JSON.stringify(arg)}`,
      );
    }
  });
  return Object.freeze({ statuses, ranges });
}

export function isExpectedStatus(cb: ResponseCallbackData, status: number): boolean {
  if (cb.statuses.includes(status)) return true;
  for (const [min, max] of cb.ranges) if (status >= min && status <= max) return true;
  return false;
}

/** What a script may pass as a response callback: an expectedStatuses() result or null. */
export function toResponseCallback(value: unknown, where: string): ResponseCallbackData | null {
  if (value === null) return null;
  const v = value as Partial<ResponseCallbackData>;
  if (typeof value === 'object' && Array.isArray(v.statuses) && Array.isArray(v.ranges)) return value as ResponseCallbackData;
  throw new TypeError(`${where}: only the result of http.expectedStatuses() or null is supported as a response callback`);
}
