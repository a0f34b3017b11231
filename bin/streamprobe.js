#!/usr/bin/env node
// The CLI runs the TypeScript runtime through tsx: no build step between a change and a run.
import { register } from 'tsx/esm/api';

register();
await import('../runtime/cli/main.ts');
