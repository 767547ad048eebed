/**
 * `npm run bench:browser [-- --sizes 4mb,100mb] [-- --runs 3]`: the self-check of `/auto-controle/`
 * in Debian's chromium against `relais check` in Node, on the same generated files as
 * `bench:check` (`bench/files/check-<size>.dsn`, generated when missing), side by side in one run.
 * Each figure is the fastest of `runs`; the browser's counts from choosing the file to the report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app/http-app.ts';
import { checkDsn } from '../src/core/check/check.ts';
import { openInput } from '../src/cli/files.ts';
import { silentLogger } from '../src/platform/log.ts';
import { intakeContext, memoryStore } from '../test/deposit-helpers.ts';
import { currentBuild } from '../scripts/build-state.cjs';
import { build } from '../scripts/build.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4mb,100mb' },
    runs: { type: 'string', default: '3' },
  },
});
const root = join(import.meta.dirname, '..');
const runs = Math.max(1, Number(values.runs));
const executablePath = '/usr/bin/chromium';
if (!existsSync(executablePath)) throw new Error(`${executablePath} absent : apt-get install -y chromium`);
// The page's script is the prebuilt bundle of the current build.
if (currentBuild().state !== 'current') await build();

function fileOf(size: string): string {
  const path = join(root, 'bench', 'files', `check-${size}.dsn`);
  if (!existsSync(path)) {
    const run = spawnSync('npm', ['run', 'bench:check', '--', '--sizes', size, '--runs', '1'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (run.status !== 0 || !existsSync(path)) throw new Error(`génération de ${path} impossible`);
  }
  return path;
}

const store = await memoryStore();
const app = await buildApp({ ...intakeContext(store), log: silentLogger() });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.goto(`${url}/auto-controle/`);
await page.waitForFunction(() => document.querySelector('#etat')?.textContent?.startsWith('Prêt'));

const rows: string[] = [];
for (const size of values.sizes!.split(',')) {
  const path = fileOf(size);
  const mb = statSync(path).size / 1e6;
  let node = Infinity;
  let inBrowser = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await checkDsn(openInput(path).stream);
    node = Math.min(node, (performance.now() - started) / 1000);

    await page.evaluate(() => document.querySelector('#resultat')!.replaceChildren());
    await page.setInputFiles('#fichier', []);
    const clicked = performance.now();
    await page.setInputFiles('#fichier', path);
    await page.waitForSelector('#resultat .verdict', { timeout: 600_000 });
    const wall = (performance.now() - clicked) / 1000;
    const inPage = Number(await page.getAttribute('#resultat .verdict', 'data-seconds'));
    inBrowser = Math.min(inBrowser, Math.max(wall, inPage));
  }
  const fr = (n: number, digits = 1) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
  rows.push(
    `| ${size} | ${fr(mb, 0)} Mo | ${fr(node)} s (${fr(mb / node, 0)} Mo/s) | ${fr(inBrowser)} s (${fr(mb / inBrowser, 0)} Mo/s) | ${fr(inBrowser / node, 2)}× |`,
  );
}
await browser.close();
await app.close();
await store.close();
process.stdout.write(
  `| Fichier | Taille | Node (relais check) | Chromium (/auto-controle/) | Navigateur / Node |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
