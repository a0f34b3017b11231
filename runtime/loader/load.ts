import { bundleScript, type ScriptBundle } from './bundle.ts';
import { compileScript, type ScriptFactory } from './compile.ts';
import { stackMapper, type StackMapper } from './source-map.ts';
import { preloadModules } from '../modules/registry.ts';

export interface LoadedScript {
  readonly path: string;
  readonly bundle: ScriptBundle;
  readonly factory: ScriptFactory;
  readonly mapStack: StackMapper;
}

/** Bundles (or reuses a bundle made on another thread) and compiles it for this thread. */
export async function loadScript(from: string | ScriptBundle): Promise<LoadedScript> {
  const bundle = typeof from === 'string' ? await bundleScript(from) : from;
  await preloadModules(bundle.code);
  return { path: bundle.scriptPath, bundle, factory: compileScript(bundle), mapStack: stackMapper(bundle) };
}
