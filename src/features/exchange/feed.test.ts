import { describe, expect, it } from 'vitest';
import { cancellationOf, declaredPersons, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext, withMemoryStore } from '../../../test/deposit-helpers.ts';
import { cafSiret, habilitatedBody, msaSiret, personLine } from '../../../test/exchange-callers.ts';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { replacementOf } from '../deposit/replacement.ts';
import { readFeed, type FeedItem } from './feed.ts';
import { followPersons, unfollowPersons } from './follows.ts';
import type { NdjsonLine } from './ndjson-body.ts';

const now = new Date('2026-05-15T10:00:00Z');
const lines = (...texts: string[]): NdjsonLine[] => texts.map((text, i) => ({ line: i + 1, text }));
const seen = (items: FeedItem[]) => items.map((i) => `${i.dossier} ${i.mois} ${i.nature}`);

/** The whole feed from `after`, page by page of `limit`, as a body polling it would read it. */
async function drain(store: Store, caller: BodyCaller, after = '0', limit = 100) {
  const items: FeedItem[] = [];
  let cursor = after;
  for (;;) {
    const page = await readFeed(store.db, caller, cursor, limit, now);
    items.push(...page.evenements);
    if (page.suivant === cursor) return { items, cursor };
    cursor = page.suivant;
  }
}

describe('follows and the change feed (PGlite)', () => {
  let store: Store;
  withMemoryStore((opened) => {
    store = opened;
  });
  const deposit = (text: string, at: string) =>
    depositDsn(
      { ...intakeContext(store), now: () => new Date(at) },
      { source: chunked(text), declarant: null },
    );

  it('shows the followed persons’ new, corrected and cancelled months, resumably, to their body only', async () => {
    const march = await generatedDsn({ seed: 31, establishments: 1, employees: 3, month: '2026-03' });
    const april = await generatedDsn({ seed: 31, establishments: 1, employees: 3, month: '2026-04' });
    const [anne, bruno, claire] = declaredPersons(march) as [DeclaredPerson, DeclaredPerson, DeclaredPerson];
    expect((await deposit(march, '2026-04-05T10:00:00Z')).status).toBe('accepted');

    const caf = await habilitatedBody(store.db, { siret: cafSiret });
    const other = await habilitatedBody(store.db, { siret: msaSiret });
    const followed = await followPersons(
      store.db,
      caf,
      lines(personLine(anne, 'D-ANNE'), personLine(bruno, 'D-BRUNO')),
      now,
    );
    expect(followed).toMatchObject({ lignes: 2, suivies: 2, refusees: 0, refus: [] });
    const anneRef = followed.personnes[0]!.personne;
    // What was deposited before the follow is not shown.
    expect((await drain(store, caf)).items).toEqual([]);

    expect(
      (await deposit(replacementOf(march, { fileDate: '10042026' }), '2026-04-10T10:00:00Z')).status,
    ).toBe('accepted');
    expect((await deposit(april, '2026-05-05T10:00:00Z')).status).toBe('accepted');
    const first = await drain(store, caf);
    expect(seen(first.items)).toEqual(
      expect.arrayContaining([
        'D-ANNE 2026-03 correction',
        'D-BRUNO 2026-03 correction',
        'D-ANNE 2026-04 ajout',
        'D-BRUNO 2026-04 ajout',
      ]),
    );
    expect(first.items).toHaveLength(4);
    const positions = first.items.map((i) => i.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const anneApril = first.items.find((i) => i.dossier === 'D-ANNE' && i.mois === '2026-04')!;
    expect(anneApril.personne).toBe(anneRef);
    expect(anneApril.lien).toEqual({
      methode: 'POST',
      href: '/v1/drm/ressources',
      corps: {
        destinataire: caf.bodySiret,
        finalite: 'RSA_PPA',
        dossier: 'D-ANNE',
        du: '2026-04',
        au: '2026-04',
      },
    });
    // Thin: no amount, no NIR, no name.
    const text = JSON.stringify(first.items);
    expect(text).not.toContain(anne.nir.slice(0, 13));
    expect(text).not.toContain(anne.lastName);
    expect(text).not.toMatch(/net|montant|amount/i);

    // Page by page, from any item's cursor: the same items, in the same order, none skipped.
    expect((await drain(store, caf, '0', 1)).items).toEqual(first.items);
    expect((await drain(store, caf, first.items[1]!.curseur, 1)).items).toEqual(first.items.slice(2));
    // Nothing new: the feed says so and keeps its cursor.
    expect((await drain(store, caf, first.cursor)).items).toEqual([]);

    // Another body sees none of these follows; following the same person starts its own feed.
    expect((await drain(store, other)).items).toEqual([]);
    await followPersons(store.db, other, lines(personLine(claire, 'X-CLAIRE')), now);

    expect((await unfollowPersons(store.db, caf, lines(personLine(bruno, 'D-BRUNO')))).retirees).toBe(1);
    expect((await deposit(cancellationOf(april, '12052026'), '2026-05-12T10:00:00Z')).status).toBe(
      'accepted',
    );
    const after = await drain(store, caf, first.cursor);
    expect(seen(after.items)).toEqual(['D-ANNE 2026-04 annulation']);
    expect(seen((await drain(store, other)).items)).toEqual(['X-CLAIRE 2026-04 annulation']);
  });

  it('shows only the months within the habilitation’s depth', async () => {
    const text = await generatedDsn({ seed: 37, establishments: 1, employees: 1, month: '2026-02' });
    const [dora] = declaredPersons(text) as [DeclaredPerson];
    await deposit(text, '2026-03-05T10:00:00Z');
    const shallow = await habilitatedBody(store.db, { siret: cafSiret, depthMonths: 3 });
    const deep = await habilitatedBody(store.db, { siret: cafSiret, depthMonths: 4 });
    for (const caller of [shallow, deep])
      await followPersons(store.db, caller, lines(personLine(dora, 'D')), now);
    await deposit(replacementOf(text, { fileDate: '06032026' }), '2026-03-06T10:00:00Z');
    // May back 3 months is March: February is beyond; 4 months reach it.
    expect((await drain(store, shallow)).items).toEqual([]);
    expect(seen((await drain(store, deep)).items)).toEqual(['D 2026-02 correction']);
  });

  it('refuses each line that names no known person, the same way whether the NIR is unknown or the identity wrong', async () => {
    const text = await generatedDsn({ seed: 41, establishments: 1, employees: 2, month: '2026-03' });
    const [emma] = declaredPersons(text) as [DeclaredPerson];
    await deposit(text, '2026-04-05T10:00:00Z');
    const caf = await habilitatedBody(store.db, { siret: cafSiret });
    // A NIR with a right key that nobody declared.
    const unknown = { ...emma, nir: '185017512345609' };
    const answer = await followPersons(
      store.db,
      caf,
      lines(
        personLine(emma, 'OK'),
        personLine({ ...emma, lastName: 'AUTRENOM' }, 'MAUVAIS-NOM'),
        personLine(unknown, 'INCONNU'),
        personLine({ ...emma, nir: `${emma.nir.slice(0, 13)}00` }, 'MAUVAISE-CLE'),
        '{"nir": "1", "nom": ',
        JSON.stringify({
          nir: emma.nir,
          nom: 'X',
          prenoms: 'Y',
          dateNaissance: '1990-01-01',
          dossier: 'Z',
          plus: 1,
        }),
      ),
      now,
    );
    expect(answer).toMatchObject({ lignes: 6, suivies: 1, refusees: 5 });
    const byLine = Object.fromEntries(answer.refus.map((r) => [r.ligne, r]));
    expect(byLine[2]!.erreur).toEqual(byLine[3]!.erreur);
    expect(byLine[2]).toMatchObject({ dossier: 'MAUVAIS-NOM', erreur: { code: 'DRM_PERSON_NOT_FOUND' } });
    expect(byLine[4]!.erreur.code).toBe('DRM_NIR_KEY');
    expect(byLine[5]).toMatchObject({ dossier: null, erreur: { code: 'EXCHANGE_LINE_INVALID' } });
    expect(byLine[6]).toMatchObject({ dossier: 'Z', erreur: { code: 'EXCHANGE_LINE_INVALID' } });
  });
});
