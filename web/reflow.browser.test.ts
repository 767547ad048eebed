import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app/http-app.ts';
import { createDeclarant } from '../src/features/declarant/declarants.ts';
import { silentLogger } from '../src/platform/log.ts';
import type { Store } from '../src/platform/store/database.ts';
import { bytesOf, generatedDsn, intakeContext, memoryStore, setRubric } from '../test/deposit-helpers.ts';

/**
 * WCAG 1.4.10 (reflow): at 375 CSS pixels wide, the reports scroll vertically only. Long values,
 * codes and tables wrap or scroll inside their own box, never the page.
 */

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium)
  console.warn(
    `${import.meta.filename} : test navigateur ignoré (${executablePath} absent ; apt-get install -y chromium).`,
  );

const width = 375;

/** A file with what widens a report: long values without spaces, an employee born in the future. */
async function widening(): Promise<string> {
  let text = await generatedDsn({ month: '2026-02', seed: 4, establishments: 1, employees: 12 });
  text = setRubric(text, 'S21.G00.30.006', '01012090');
  text = setRubric(text, 'S21.G00.30.002', 'X'.repeat(120));
  text = setRubric(text, 'S21.G00.30.008', 'RUE-' + 'DES-ETABLISSEMENTS-'.repeat(6));
  return text;
}

/**
 * The page's width, and what sticks out of the viewport (outside a box that scrolls on its own), to
 * say what to fix when the page overflows.
 */
async function widthOf(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate((limit) => {
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      let inside = false;
      for (let up = el.parentElement; up !== null && up !== document.body; up = up.parentElement)
        if (scrolls(up)) inside = true;
      if (inside) continue;
      const box = el.getBoundingClientRect();
      if (box.right > limit + 0.5 && culprits.length < 8)
        culprits.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}px`);
    }
    return { width: document.documentElement.scrollWidth, culprits };
  }, width);
}

describe.skipIf(!hasChromium)('reports at 375 px wide (reflow, chromium)', () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  let text: string;

  beforeAll(async () => {
    store = await memoryStore();
    // The official controls too: their messages and rules are the longest texts of a report.
    app = await buildApp({ ...intakeContext(store, { controls: undefined }), log: silentLogger() });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    text = await widening();
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('the self-check report fits the width of a phone', async () => {
    const file = join(
      mkdtempSync(join(tmpdir(), 'relais-reflow-')),
      'fevrier-avec-un-nom-de-fichier-long.dsn',
    );
    // And a SIREN whose key is wrong (which the deposit would refuse before reading the file).
    writeFileSync(file, setRubric(text, 'S21.G00.06.001', '732829321'), 'latin1');
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${url}/auto-controle/`);
    await page.waitForFunction(() => document.querySelector('#etat')?.textContent?.startsWith('Prêt'));
    await page.setInputFiles('#fichier', file);
    await page.waitForFunction(() => document.querySelectorAll('#resultat .verdict').length === 1);
    expect(await page.textContent('#resultat')).toContain('XXXXXXXXXX');
    expect(await widthOf(page)).toEqual({ width: expect.any(Number), culprits: [] });
    expect((await widthOf(page)).width).toBeLessThanOrEqual(width);

    // An official control's code leads to its page in the referential, open.
    const link = page.locator('#resultat h4 a[href^="/referentiel/#"]').last();
    const code = await link.textContent();
    await link.click();
    await page.waitForURL(/\/referentiel\//);
    await page.waitForFunction((id) => document.getElementById(id!)?.hasAttribute('open'), code);
    expect(await page.locator('details.controle[open] summary strong').first().textContent()).toBe(code);
    // Even a control beyond the first 400 cards the referential draws.
    const ids = ((await (await fetch(`${url}/referentiel/controls.json`)).json()) as { id: string }[]).map(
      (c) => c.id,
    );
    expect(ids.length).toBeGreaterThan(400);
    await page.goto(`${url}/referentiel/#${ids.at(-1)}`);
    await page.waitForFunction((id) => document.getElementById(id)?.hasAttribute('open'), ids.at(-1)!);
    await page.close();
  });

  it('the deposit report fits the width of a phone', async () => {
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    const { token } = await createDeclarant(store.db, 'Entreprise', siren);
    const authorization = `Bearer ${token}`;
    const deposited = await app.inject({
      method: 'POST',
      url: '/v1/depots?fileName=fevrier-avec-un-nom-de-fichier-long.dsn',
      headers: { 'content-type': 'application/octet-stream', authorization },
      payload: bytesOf(text),
    });
    expect(deposited.statusCode).toBe(201);
    const { acknowledgement } = deposited.json();
    const page = await browser.newPage({
      viewport: { width, height: 800 },
      extraHTTPHeaders: { authorization },
    });
    await page.goto(`${url}/v1/depots/${acknowledgement.depositId}/bilan?format=html`);
    expect(await page.textContent('main')).toContain('Dépôt rejeté');
    expect(await page.textContent('main')).toContain('XXXXXXXXXX');
    expect(await widthOf(page)).toEqual({ width: expect.any(Number), culprits: [] });
    expect((await widthOf(page)).width).toBeLessThanOrEqual(width);
    await page.close();
  });
});
