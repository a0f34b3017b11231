// A classic-mode thread that runs TypeScript through tsx, as the CLI does; argv[2] is its entry.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
