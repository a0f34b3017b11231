/**
 * Typed reads of `__ENV` settings with defaults. Pure: pass `__ENV` in, so the parsing is testable
 * outside k6. Errors name the variable and what it accepts.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export function envString(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

export function envNumber(env: Env, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}='${v}' is not a number; set it to e.g. ${name}=${fallback}`);
  return n;
}

export function envInt(env: Env, name: string, fallback: number): number {
  const n = envNumber(env, name, fallback);
  if (!Number.isInteger(n)) throw new Error(`${name}='${env[name]}' must be a whole number, e.g. ${name}=${fallback}`);
  return n;
}

export function envList(env: Env, name: string, fallback: readonly string[]): string[] {
  const v = env[name];
  if (v === undefined || v.trim() === '') return [...fallback];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function envBool(env: Env, name: string, fallback: boolean): boolean {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new Error(`${name}='${v}' must be true or false`);
}
