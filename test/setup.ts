import { nodeJsonLoader } from '../src/platform/node-json-loader.ts';
import { useJsonLoader } from '../src/core/referentials/source.ts';

// As the CLI does: large package JSON files are parsed, not turned into modules by the test runner.
useJsonLoader(nodeJsonLoader);
