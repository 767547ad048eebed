import { describe, expect, it } from 'vitest';
import { cafSiret, operatorToken, otherSiret, withExchangeApp } from '../../../test/exchange-helpers.ts';
import { createDeclarant } from '../declarant/declarants.ts';

describe('receiving bodies and habilitations administration API', () => {
  const ctx = withExchangeApp();
  const call = (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    token: string | null = operatorToken,
  ) =>
    ctx.app.inject({
      method,
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });
  const refusal = async (response: Awaited<ReturnType<typeof call>>) => {
    const error = response.json().errors[0];
    return [response.statusCode, error.code, error.detail];
  };
  const habilitation = {
    siret: cafSiret,
    purpose: 'RSA_PPA',
    legalBasis: 'CASF L.262-1 ; décret 2019-969',
    fields: ['netSocial'],
    depthMonths: 12,
  };

  it('registers a body, habilitates it once with a secret shown once, lists, shows, rotates and revokes', async () => {
    const created = await call('POST', '/v1/admin/organismes', {
      siret: cafSiret,
      name: 'CAF de démonstration',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      siret: cafSiret,
      name: 'CAF de démonstration',
      createdAt: expect.any(String),
      disabledAt: null,
    });
    expect((await call('GET', '/v1/admin/organismes')).json()).toEqual([created.json()]);

    const granted = await call('POST', '/v1/admin/habilitations', {
      ...habilitation,
      fields: ['netSocial', 'netPaid'],
    });
    expect(granted.statusCode).toBe(201);
    const h = granted.json();
    expect(h).toMatchObject({
      siret: cafSiret,
      purpose: 'RSA_PPA',
      fields: ['netPaid', 'netSocial'],
      depthMonths: 12,
      clientId: expect.stringMatching(/^rlc_[0-9a-f]{24}$/),
      clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      revokedAt: null,
    });
    expect(granted.headers.location).toBe(`/v1/admin/habilitations/${h.id}`);

    const shown = (await call('GET', `/v1/admin/habilitations/${h.id}`)).json();
    expect(shown).not.toHaveProperty('clientSecret');
    expect(shown).toEqual({ ...h, clientSecret: undefined });
    expect((await call('GET', `/v1/admin/habilitations?organisme=${cafSiret}`)).json()).toEqual([shown]);
    expect((await call('GET', `/v1/admin/habilitations?organisme=${otherSiret}`)).statusCode).toBe(404);

    const rotated = (await call('POST', `/v1/admin/habilitations/${h.id}/secret`)).json();
    expect(rotated.clientSecret).not.toBe(h.clientSecret);
    expect(rotated.secretRotatedAt).toEqual(expect.any(String));

    const revoked = await call('POST', `/v1/admin/habilitations/${h.id}/revocation`);
    expect([revoked.statusCode, revoked.json().revokedAt]).toEqual([200, expect.any(String)]);
    expect(
      (await refusal(await call('POST', `/v1/admin/habilitations/${h.id}/revocation`))).slice(0, 2),
    ).toEqual([409, 'HABILITATION_REVOKED']);
    expect((await refusal(await call('POST', `/v1/admin/habilitations/${h.id}/secret`))).slice(0, 2)).toEqual(
      [409, 'HABILITATION_REVOKED'],
    );
  });

  it('refuses bad habilitations with French reasons naming what is allowed', async () => {
    const cases: [object, number, string, string | RegExp][] = [
      [
        { siret: '53428700000011' },
        400,
        'HABILITATION_INVALID',
        'La clé du SIRET 53428700000011 est fausse.',
      ],
      [
        { siret: otherSiret },
        404,
        'BODY_NOT_FOUND',
        `Aucun organisme de SIRET ${otherSiret} (voir la liste des organismes).`,
      ],
      [
        { purpose: 'RSA' },
        404,
        'PURPOSE_NOT_FOUND',
        /^Finalité inconnue « RSA » ; finalités enregistrées : AJPA_AJPP, APL, .*RSA_PPA/,
      ],
      [
        { fields: ['netSocial', 'salaire'] },
        400,
        'HABILITATION_INVALID',
        'Champ inconnu : salaire ; champs accordables : netTaxable, netPaid, netSocial, gross, pasWithheld, payer, incomeClass, provenance, kind, source.',
      ],
      [{ fields: [] }, 400, 'HABILITATION_INVALID', /^Aucun champ accordé/],
      [
        { depthMonths: 0 },
        400,
        'HABILITATION_INVALID',
        'Profondeur « 0 » : un nombre entier de mois de 1 à 120 est attendu.',
      ],
      [{ depthMonths: 121 }, 400, 'HABILITATION_INVALID', /de 1 à 120/],
      [{ legalBasis: ' ' }, 400, 'HABILITATION_INVALID', 'La base légale de l’habilitation est vide.'],
    ];
    for (const [change, status, code, detail] of cases) {
      const [s, c, d] = await refusal(
        await call('POST', '/v1/admin/habilitations', { ...habilitation, ...change }),
      );
      expect([s, c]).toEqual([status, code]);
      expect(d).toMatch(detail);
    }
  });

  it('disables a body, which then receives no habilitation', async () => {
    await call('POST', '/v1/admin/organismes', { siret: otherSiret, name: 'MSA de démonstration' });
    const disabled = await call('POST', `/v1/admin/organismes/${otherSiret}/desactivation`);
    expect([disabled.statusCode, disabled.json().disabledAt]).toEqual([200, expect.any(String)]);
    expect(
      (await refusal(await call('POST', `/v1/admin/organismes/${otherSiret}/desactivation`))).slice(0, 2),
    ).toEqual([409, 'BODY_DISABLED']);
    expect(
      await refusal(await call('POST', '/v1/admin/habilitations', { ...habilitation, siret: otherSiret })),
    ).toEqual([
      409,
      'BODY_DISABLED',
      `L’organisme ${otherSiret} est désactivé : il ne reçoit plus d’habilitation.`,
    ]);
    expect(
      (
        await refusal(await call('POST', '/v1/admin/organismes', { siret: otherSiret, name: 'Encore' }))
      ).slice(0, 2),
    ).toEqual([409, 'BODY_CONFLICT']);
    expect(
      (await refusal(await call('POST', '/v1/admin/organismes/53428700000028/desactivation'))).slice(0, 2),
    ).toEqual([404, 'BODY_NOT_FOUND']);
  });

  it('lists the default purposes and adds one', async () => {
    const codes = (await call('GET', '/v1/admin/finalites')).json().map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['RSA_PPA', 'APL', 'C2S', 'ASPA']));
    const added = await call('POST', '/v1/admin/finalites', {
      code: 'CSS_TEST',
      label: 'Essai',
      legalReference: 'Texte d’essai',
    });
    expect([added.statusCode, added.json().code]).toEqual([201, 'CSS_TEST']);
    const bad = await refusal(
      await call('POST', '/v1/admin/finalites', { code: 'rsa', label: 'x', legalReference: 'y' }),
    );
    expect(bad.slice(0, 2)).toEqual([400, 'PURPOSE_INVALID']);
    const again = await refusal(
      await call('POST', '/v1/admin/finalites', { code: 'CSS_TEST', label: 'x', legalReference: 'y' }),
    );
    expect(again).toEqual([400, 'PURPOSE_INVALID', 'La finalité CSS_TEST existe déjà.']);
  });

  it('refuses a declarant’s token (403) and no token (401); rotates the signing key for the operator', async () => {
    const { token } = await createDeclarant(ctx.store.db, 'Déclarant', '552100554');
    const forbidden = await call('GET', '/v1/admin/organismes', undefined, token);
    expect(await refusal(forbidden)).toEqual([
      403,
      'AUTH_SCOPE',
      'Ce jeton ne permet pas de gérer les organismes destinataires et leurs habilitations (droit « organismes:gerer » absent).',
    ]);
    expect(
      (await refusal(await call('GET', '/v1/admin/habilitations', undefined, null))).slice(0, 2),
    ).toEqual([401, 'AUTH_MISSING']);
    const rotation = await call('POST', '/v1/admin/cles/rotation');
    expect([rotation.statusCode, rotation.json().kid]).toEqual([200, expect.any(String)]);
    const keys = (await call('GET', '/.well-known/jwks.json', undefined, null)).json().keys;
    expect(keys.map((k: { kid: string }) => k.kid)).toContain(rotation.json().kid);
  });
});
