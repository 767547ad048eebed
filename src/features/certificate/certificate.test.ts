import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn, intakeContext, memoryStore, sha256 } from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text;
}

/** The certificate of conformity: PDF to its declarant only, public verification by its code. */
describe('certificate of conformity', () => {
  let store: Store;
  let app: FastifyInstance;
  let token: string;
  let otherToken: string;
  let text: string;
  let siret: string;
  let accepted: string;
  let rejected: string;
  let code: string;

  const auth = (t = token) => ({ authorization: `Bearer ${t}` });
  const deposit = async (body: string, fileName: string, t = token) => {
    const response = await app.inject({
      method: 'POST',
      url: `/v1/depots?fileName=${encodeURIComponent(fileName)}`,
      headers: { 'content-type': 'application/octet-stream', ...auth(t) },
      payload: bytesOf(body),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().acknowledgement.depositId as string;
  };

  beforeAll(async () => {
    store = await memoryStore();
    text = await generatedDsn({ month: '2026-02', seed: 41, establishments: 2, employees: 4 });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    siret = siren + /^S21\.G00\.11\.001,'(\d{5})'/m.exec(text)![1]!;
    token = (await createDeclarant(store.db, 'Boulangerie Élise & Fils', siren)).token;
    otherToken = (await createDeclarant(store.db, 'Autre entreprise', '732829320')).token;
    app = await buildApp({ ...intakeContext(store), log: silentLogger() });
    accepted = await deposit(text, 'février-paie.dsn');
    rejected = await deposit('ceci n’est pas une DSN\n', 'texte.dsn');
    const reference = await app.inject({
      url: `/v1/depots/${accepted}/certificat?format=json`,
      headers: auth(),
    });
    expect(reference.statusCode, reference.body).toBe(200);
    code = reference.json().code;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('gives the declarant a PDF stating who, which file, which declarations, the norm, the result and the code', async () => {
    const response = await app.inject({ url: `/v1/depots/${accepted}/certificat`, headers: auth() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`certificat-${accepted}.pdf`);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const words = await pdfText(pdf);
    expect(words).toContain('Certificat de conformité');
    expect(words).toContain(code);
    expect(words).toContain(siret);
    expect(words).toContain(sha256(text));
    // Accents and typographic signs come out as written: the standard fonts' encoding holds them.
    expect(words).toContain('Boulangerie Élise & Fils');
    expect(words).toContain('février-paie.dsn');
    expect(words).toContain('février 2026');
    expect(words).toContain('DSN mensuelle');
    expect(words).toMatch(/norme P2\dV01/);
    expect(words).toContain('accepté : 2 déclarations conformes sur 2');
    expect(words).toContain(`/verifier/${code}`);
  });

  it('tells the code and where to check it, in JSON', async () => {
    const reference = await app.inject({
      url: `/v1/depots/${accepted}/certificat`,
      headers: { ...auth(), accept: 'application/json' },
    });
    expect(reference.json()).toEqual({
      depositId: accepted,
      code,
      issuedAt: expect.any(String),
      certificate: `/v1/depots/${accepted}/certificat`,
      verification: `/verifier/${code}`,
    });
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('lets anyone check a code without signing in: a French page stating what the certificate states', async () => {
    const page = await app.inject({ url: `/verifier/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<html lang="fr"');
    expect(page.body).toContain('Certificat de conformité authentique');
    expect(page.body).toContain(siret);
    expect(page.body).toContain(sha256(text));
    expect(page.body).toContain('février-paie.dsn');
    expect(page.body).toContain('Boulangerie Élise &amp; Fils');
    expect(page.body).toContain('href="dsfr/dsfr.min.css"');
    // Typed leniently: small letters, without the dashes.
    const typed = await app.inject({ url: `/verifier/${code.toLowerCase().replaceAll('-', '')}` });
    expect(typed.statusCode).toBe(200);
    expect(typed.body).toContain(code);
    const style = await app.inject({ url: '/verifier/dsfr/dsfr.min.css' });
    expect(style.statusCode).toBe(200);
  });

  it('answers an unknown or malformed code with a 404 page in French', async () => {
    const flipped = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    for (const typed of [flipped, 'pas-un-code', '<script>']) {
      const page = await app.inject({ url: `/verifier/${encodeURIComponent(typed)}` });
      expect(page.statusCode, typed).toBe(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('<html lang="fr"');
      expect(page.body).toContain('Certificat introuvable');
      expect(page.body).not.toContain('<script>');
    }
  });

  it('refuses the certificate of a rejected deposit (409) and of another declarant’s deposit (403)', async () => {
    const none = await app.inject({ url: `/v1/depots/${rejected}/certificat`, headers: auth() });
    expect(none.statusCode).toBe(409);
    expect(none.json().errors[0]).toMatchObject({
      code: 'CERTIFICATE_UNAVAILABLE',
      title: 'Pas de certificat de conformité',
      source: { parameter: 'id' },
    });
    expect(none.json().errors[0].detail).toContain('a été rejeté');
    const foreign = await app.inject({ url: `/v1/depots/${accepted}/certificat`, headers: auth(otherToken) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().errors[0].code).toBe('DEPOSIT_NOT_FOUND');
    const unknown = await app.inject({
      url: '/v1/depots/01900000-0000-7000-8000-000000000000/certificat',
      headers: auth(),
    });
    expect(unknown.statusCode).toBe(404);
    const anonymous = await app.inject({ url: `/v1/depots/${accepted}/certificat` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('issues, when first asked, the certificate of an accepted deposit recorded before certificates existed', async () => {
    const march = await generatedDsn({ month: '2026-03', seed: 41, establishments: 2, employees: 4 });
    const older = await deposit(march, 'mars.dsn');
    // As a database migrated from a version without certificates holds it.
    await sql`delete from certificate where deposit_id = ${older}`.execute(store.db);
    const response = await app.inject({ url: `/v1/depots/${older}/certificat?format=json`, headers: auth() });
    expect(response.statusCode, response.body).toBe(200);
    const late = response.json().code as string;
    expect(late).not.toBe(code);
    const again = await app.inject({ url: `/v1/depots/${older}/certificat?format=json`, headers: auth() });
    expect(again.json().code).toBe(late);
    expect((await app.inject({ url: `/verifier/${late}` })).statusCode).toBe(200);
  });
});
