// Worker threads load the TypeScript runtime through tsx, as the CLI does.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
