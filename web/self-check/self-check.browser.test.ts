import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedDsn, setRubric, withMemoryApp } from '../../test/deposit-helpers.ts';
import { checkDsn } from '../../src/core/check/check.ts';

/** Debian's chromium (`apt-get install -y chromium`); CI installs it, a fresh machine may not have it. */
const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium)
  console.warn(
    `${import.meta.filename} : test navigateur ignoré (${executablePath} absent ; apt-get install -y chromium).`,
  );

describe.skipIf(!hasChromium)('self-check in the browser (chromium)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  withMemoryApp((opened) => (app = opened));

  beforeAll(async () => {
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports what relais check reports, without sending the file anywhere', async () => {
    // A wrong SIREN key in the company block, and an employee born in the future.
    let text = await generatedDsn({ month: '2026-02', seed: 4, establishments: 1, employees: 12 });
    text = setRubric(text, 'S21.G00.06.001', '732829321');
    text = setRubric(text, 'S21.G00.30.006', '01012090');
    const file = join(mkdtempSync(join(tmpdir(), 'relais-browser-')), 'fevrier.dsn');
    writeFileSync(file, text, 'latin1');
    const bytes = Buffer.from(text, 'latin1');
    const expected = await checkDsn([bytes]);
    const technical = await checkDsn([bytes], { controls: false });
    expect(expected.summary.blocking).toBeGreaterThan(technical.summary.blocking);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(`${url}/auto-controle/`);
    await page.waitForFunction(() => document.querySelector('#etat')?.textContent?.startsWith('Prêt'));

    /** The codes shown for each file checked, once `count` files are shown. */
    const shown = async (count = 1) => {
      await page.waitForFunction((n) => document.querySelectorAll('#resultat .verdict').length === n, count);
      return page.$$eval('#resultat article', (articles) =>
        articles.map((a) => Array.from(a.querySelectorAll('h4 code'), (c) => c.textContent)),
      );
    };
    await page.setInputFiles('#fichier', file);
    expect(await shown()).toEqual([expected.groups.map((g) => g.code)]);
    expect(await page.textContent('#resultat .verdict')).toContain(
      `Non conforme — ${expected.summary.blocking} anomalie(s) bloquante(s)`,
    );
    expect(await page.textContent('#resultat')).toContain("S21.G00.06.001,'732829321'");

    // Technical checks only: the same as `relais check --no-controls`.
    await page.check('#technique');
    await page.evaluate(() => document.querySelector('#resultat')!.replaceChildren());
    await page.setInputFiles('#fichier', []);
    await page.setInputFiles('#fichier', file);
    expect(await shown()).toEqual([technical.groups.map((g) => g.code)]);

    // A file chosen while another one is being checked replaces it.
    await page.uncheck('#technique');
    const large = join(dirname(file), 'grand.dsn');
    writeFileSync(
      large,
      await generatedDsn({ month: '2026-02', seed: 5, establishments: 2, employees: 2000 }),
      'latin1',
    );
    await page.setInputFiles('#fichier', large);
    await page.setInputFiles('#fichier', file);
    await page.waitForFunction(() =>
      document.querySelector('#resultat')?.textContent?.includes('fevrier.dsn'),
    );
    expect(await shown()).toEqual([expected.groups.map((g) => g.code)]);

    // Several files: one report each, in the order chosen, and a summary.
    await page.setInputFiles('#fichier', [large, file]);
    expect(await shown(2)).toEqual([[], expected.groups.map((g) => g.code)]);
    expect(
      await page.$$eval('#resultat article', (a) => a.map((x) => (x as HTMLElement).dataset['file'])),
    ).toEqual(['grand.dsn', 'fevrier.dsn']);
    expect(await page.textContent('#etat')).toBe('2 fichiers contrôlés : 1 conforme(s), 1 non conforme(s).');

    expect(requests.every((r) => r.startsWith('GET /auto-controle/'))).toBe(true);
    await page.close();
  });
});
