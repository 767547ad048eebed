// Preloaded with `node --import`: records the URL of every module the process loads, one per
// line, into the file named by RELAIS_TEST_MODULES_FILE (module customization hooks run in their
// own thread, hence a file).
import { register } from 'node:module';
import { env } from 'node:process';

register('./record-modules-hooks.mjs', import.meta.url, {
  data: { file: env['RELAIS_TEST_MODULES_FILE'] },
});
