// `relais` as bin/relais.js ran it before the build, for `npm run bench:start`: the TypeScript
// sources compiled by tsx at every start.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
