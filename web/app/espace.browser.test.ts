import type { FastifyInstance } from 'fastify';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/http-app.ts';
import { operator } from '../../src/platform/auth/operator.ts';
import { silentLogger } from '../../src/platform/log.ts';
import type { Store } from '../../src/platform/store/database.ts';
import { linkAccount } from '../../src/features/web/accounts.ts';
import { demoFirm } from '../../src/features/web/test-accounts.ts';
import { depositDsn } from '../../src/features/deposit/deposit.ts';
import { bytesOf, generatedDsn, intakeContext, memoryStore, setRubric } from '../../test/deposit-helpers.ts';

/**
 * The declarant space in Chromium, as the demo accounting firm walks it: sign in with the local
 * provider, the portfolio, a deposit with faults (self-checked in the browser first), its report,
 * the versions, a page that does not exist, sign out. Every page is run through axe-core: no
 * serious or critical violation. With RELAIS_CAPTURES=<folder>, each page is photographed there
 * (the README's `docs/captures/`).
 */

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium)
  console.warn(
    `${import.meta.filename} : test navigateur ignoré (${executablePath} absent ; apt-get install -y chromium).`,
  );

/** The deposit size limit of this test's server: a file one byte larger is refused by the page. */
const maxBytes = 1024 * 1024;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const captures = process.env['RELAIS_CAPTURES'];

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** The serious and critical violations axe-core finds on the page, to be none. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated by the browser's debugging protocol, not added as an inline script: the pages'
  // content security policy forbids inline scripts, and must stay on during the test.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks the page, and photographs it when asked. */
async function visited(page: Page, name: string): Promise<void> {
  expect(await accessibilityProblems(page), name).toEqual([]);
  if (captures) {
    mkdirSync(captures, { recursive: true });
    await page.screenshot({ path: join(captures, `${name}.png`), fullPage: true });
  }
}

describe.skipIf(!hasChromium)('the declarant space (chromium)', () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  let faulty: string;

  beforeAll(async () => {
    store = await memoryStore();
    // The official controls too, as in production: the fault below is one of theirs.
    app = await buildApp({
      ...intakeContext(store, { controls: undefined, maxDepositBytes: maxBytes }),
      log: silentLogger(),
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    const text = await generatedDsn({ month: '2026-02', seed: 4, establishments: 1, employees: 6 });
    // An employee born in the future: a blocking anomaly the self-check and the deposit both find.
    faulty = setRubric(text, 'S21.G00.30.006', '01012090');
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    await linkAccount(store.db, operator, { email: demoFirm.email, scope: siren, name: 'Boulangerie Démo' });
    // January, deposited earlier by the company's payroll software: a conform deposit, its
    // certificate and its returns, for the timeline and the certificate's download.
    const declarant = await store.db
      .selectFrom('declarant')
      .select('id')
      .where('scope', '=', siren)
      .executeTakeFirstOrThrow();
    const january = await generatedDsn({ month: '2026-01', seed: 4, establishments: 1, employees: 3 });
    const outcome = await depositDsn(intakeContext(store), {
      source: [bytesOf(january)],
      declarant: { id: declarant.id, scope: siren },
      fileName: 'janvier.dsn',
    });
    expect(outcome.status).toBe('accepted');
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    // A migrated database, a generated file and a browser: slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('signs in, deposits a file with faults, reads its report, and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}/espace/`);
    await page.getByRole('heading', { name: 'Espace déclarant' }).waitFor();
    await visited(page, 'connexion');

    await page.locator('main').getByRole('link', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await visited(page, 'fournisseur-identite');
    // The keyboard alone: the first test account is chosen, the form sent with Enter.
    await page.getByLabel(/Cabinet Démo/).focus();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByText('Vous déclarez pour Boulangerie Démo').waitFor();
    await visited(page, 'tableau-de-bord');

    await page.locator('main').getByRole('link', { name: 'Déposer un fichier' }).click();
    await page.getByRole('heading', { name: 'Déposer un fichier' }).waitFor();
    await page.setInputFiles('#fichier', {
      name: 'fevrier.dsn',
      mimeType: 'application/octet-stream',
      buffer: bytesOf(faulty),
    });
    await page.getByRole('heading', { name: 'Auto-contrôle de fevrier.dsn' }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/[1-9]\d* anomalies? bloquantes?/);
    await visited(page, 'depot-auto-controle');

    await page.getByRole('button', { name: 'Déposer fevrier.dsn' }).click();
    await page.getByText('Fichier déposé').waitFor();
    await visited(page, 'depot-accuse');

    await page.getByRole('link', { name: 'Le bilan complet du dépôt' }).click();
    await page.getByRole('heading', { name: 'Bilan de conformité' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Bloquante');
    await visited(page, 'depot-bilan');

    await page
      .getByRole('link', { name: /^versions/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Versions de la déclaration' }).waitFor();
    await page.getByText('Connue du').first().waitFor();
    await visited(page, 'versions');

    // The returns: unread in the navigation, then the timeline, newest first.
    await page
      .getByRole('link', { name: /^Retours\s*\d+ non lus?$/ })
      .first()
      .waitFor();
    await page
      .getByRole('link', { name: /^Retours/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Retours', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Certificat de conformité' }).first().waitFor();
    const kinds = await page.locator('.relais-frise h3').allTextContents();
    expect(kinds[0]).toBe('Bilan des anomalies');
    expect(kinds.at(-1)).toBe('Accusé de réception');
    await visited(page, 'retours');
    // Opened, the returns are read: the badge goes.
    await page
      .getByRole('link', { name: /^Retours$/ })
      .first()
      .waitFor();

    await page
      .locator('.relais-frise li', { has: page.getByRole('heading', { name: 'Certificat de conformité' }) })
      .getByRole('link', { name: 'Le dépôt et son bilan' })
      .click();
    await page.getByRole('heading', { name: 'Certificat de conformité' }).waitFor();
    await page.getByText('code de vérification').waitFor();
    await visited(page, 'depot-certificat');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger le certificat de conformité/ }).click(),
    ]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Le bilan au format CSV/ }).click(),
    ]);
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^\ufeffCode du contrôle,Gravité,/);

    await page.goto(`${url}/espace/nulle-part`);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await visited(page, 'page-introuvable');

    await page.goto(`${url}/espace/`);
    await page.getByRole('button', { name: /Se déconnecter/ }).click();
    await page.getByRole('heading', { name: 'Se déconnecter' }).waitFor();
    await visited(page, 'deconnexion');
    await page.getByRole('button', { name: 'Se déconnecter du fournisseur' }).click();
    await page.waitForURL(`${url}/`);
    const after = await page.request.get(`${url}/v1/compte`);
    expect(after.status()).toBe(401);
    await page.close();
  }, 180_000);

  it('moves through the dashboard with the keyboard alone, and fits a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${url}/connexion`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByText('Vous déclarez pour').waitFor();
    // The design system's script has laid the header out (its menu folded at this width).
    await page.locator('html[data-fr-js="true"]').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (captures)
      await page.screenshot({ path: join(captures, 'tableau-de-bord-375px.png'), fullPage: true });

    // Tab from the top of the page to the link to deposit, then Enter.
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      reached.push(focused);
      if (
        focused === 'Déposer un fichier' &&
        (await page.evaluate(() => !!document.activeElement?.closest('main')))
      )
        break;
    }
    expect(reached).toContain('Contenu');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${url}/espace/deposer`);
    // The new page's heading has the focus, as a screen reader expects after a change of page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Déposer un fichier');

    // The returns timeline and a deposit's page fit the phone too.
    await page.goto(`${url}/espace/retours`);
    await page.locator('.relais-frise').waitFor();
    await page.locator('html[data-fr-js="true"]').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (captures) await page.screenshot({ path: join(captures, 'retours-375px.png'), fullPage: true });
    await page.close();
  });

  it('says what is wrong with a file that is no DSN, too large, sent twice, or sent once the session has ended', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}/connexion?retour=/espace/deposer`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Déposer un fichier' }).waitFor();
    await page.getByText('Taille maximale : 1 Mo').waitFor();
    const choose = (name: string, buffer: Buffer) =>
      page.setInputFiles('#fichier', { name, mimeType: 'application/octet-stream', buffer });
    const deposits = async () => (await store.db.selectFrom('deposit').select('id').execute()).length;
    const before = await deposits();

    await choose('notes.txt', Buffer.from('Liste des courses\npain, farine\n'));
    await page.getByRole('heading', { name: 'notes.txt n’est pas une déclaration DSN ou PASRAU' }).waitFor();
    expect(await page.getByRole('button', { name: /^Déposer/ }).count()).toBe(0);
    await visited(page, 'depot-pas-une-dsn');

    await choose('enorme.dsn', Buffer.alloc(2 * maxBytes, 0x41));
    await page.getByText(/enorme\.dsn \(2 Mo\) dépasse la taille maximale d’un dépôt \(1 Mo\)/).waitFor();

    // The same file as the first test deposited: the earlier deposit comes back, nothing is stored.
    await choose('fevrier-bis.dsn', bytesOf(faulty));
    await page.getByRole('button', { name: 'Déposer fevrier-bis.dsn' }).click();
    await page.getByText('Ce fichier avait déjà été déposé').waitFor();
    await page.getByText(/rien n’est enregistré deux fois/).waitFor();
    await visited(page, 'depot-doublon');

    // The session ends (signed out in another tab) between the self-check and the sending.
    const april = await generatedDsn({ month: '2026-04', seed: 4, establishments: 1, employees: 2 });
    await choose('avril.dsn', bytesOf(april));
    const send = page.getByRole('button', { name: 'Déposer avril.dsn' });
    await send.waitFor();
    await store.db.deleteFrom('web_session').execute();
    await send.click();
    await page.getByText('Votre session a expiré pendant l’envoi').waitFor();
    expect(await page.getByRole('link', { name: 'Reconnectez-vous' }).getAttribute('href')).toBe(
      '/connexion?retour=%2Fespace%2Fdeposer',
    );
    await visited(page, 'depot-session-expiree');
    expect(await deposits()).toBe(before);
    await page.close();
  });
});
