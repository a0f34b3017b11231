/** `__ENV` (docs/k6-compatibility.md#cli-environment-and-files): the process environment if included, then `-e` values on top. */
import type { ProcessEnv } from './env-options.ts';

export function buildScriptEnv(
  processEnv: ProcessEnv,
  cliEnv: Readonly<Record<string, string>>,
  includeSystemEnvVars: boolean,
): Record<string, string> {
  const env: Record<string, string> = {};
  if (includeSystemEnvVars) {
    for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env[k] = v;
  }
  return Object.assign(env, cliEnv);
}
