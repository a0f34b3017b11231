/**
 * Decoding of script config objects as Go's encoding/json and mapstructure do: field names match
 * case-insensitively (`groupID` == `groupId`); durations are nanosecond numbers, except
 * `ReaderConfig.maxWait`, which is a Go duration string (parsed by units/duration.ts parseGoDuration).
 */
import { ConfigError } from '../../../../errors.ts';

export class Config {
  private readonly fields = new Map<string, unknown>();

  constructor(
    raw: unknown,
    readonly what: string,
  ) {
    if (raw === undefined || raw === null) return;
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${what} must be an object`);
    for (const [k, v] of Object.entries(raw)) if (v !== undefined && v !== null) this.fields.set(k.toLowerCase(), v);
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  raw(name: string): unknown {
    return this.fields.get(name.toLowerCase());
  }

  str(name: string, fallback = ''): string {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (typeof v !== 'string') throw this.typeError(name, 'a string', v);
    return v;
  }

  num(name: string, fallback = 0): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.typeError(name, 'a number', v);
    return v;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw this.typeError(name, 'true or false', v);
    return v;
  }

  strings(name: string): string[] {
    const v = this.raw(name);
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw this.typeError(name, 'an array of strings', v);
    return v as string[];
  }

  /** A nanosecond duration field, returned in milliseconds; `fallbackMs` when unset or ≤ 0. */
  durationMs(name: string, fallbackMs: number): number {
    const ns = this.num(name, 0);
    return ns > 0 ? ns / 1e6 : fallbackMs;
  }

  sub(name: string): Config {
    return new Config(this.raw(name), `${this.what}.${name}`);
  }

  private typeError(name: string, expected: string, got: unknown): ConfigError {
    return new ConfigError(`${this.what}.${name} must be ${expected}, got ${JSON.stringify(got)}`);
  }
}
