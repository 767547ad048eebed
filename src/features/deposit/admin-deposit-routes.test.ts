import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant, revokeDeclarant } from '../declarant/declarants.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';
const siren = '552100554';

/** `POST /v1/admin/depots`: what `relais ingest` does on the database, for the CLI beside a server. */
describe('the operator’s deposits over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let file: Buffer;

  beforeAll(async () => {
    store = await memoryStore();
    app = await buildApp({ ...intakeContext(store), log: silentLogger(), operatorToken });
    file = bytesOf(await generatedDsn({ seed: 23, establishments: 1, employees: 3, siren }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const deposit = (query: string, token: string, payload: Buffer = file) =>
    app.inject({
      method: 'POST',
      url: `/v1/admin/depots${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      payload,
    });
  const error = (response: {
    statusCode: number;
    json(): { errors: { code: string; detail: string }[] };
  }) => {
    const { code, detail } = response.json().errors[0]!;
    return [response.statusCode, code, detail];
  };

  it('refuses a declarant’s token, and names an unknown, malformed or revoked declarant', async () => {
    const own = await createDeclarant(store.db, 'Boulangerie Martin', siren);
    expect(error(await deposit('', own.token))).toEqual([
      403,
      'AUTH_SCOPE',
      'Ce jeton ne permet pas de déposer en tant qu’opérateur (droit « depots:gerer » absent).',
    ]);
    expect(error(await deposit('?declarant=42', operatorToken))).toEqual([
      404,
      'DECLARANT_NOT_FOUND',
      "« 42 » n'est pas un identifiant de déclarant (voir la liste des déclarants).",
    ]);
    const unknown = '01a20000-0000-7000-8000-000000000009';
    expect(error(await deposit(`?declarant=${unknown}`, operatorToken))).toEqual([
      404,
      'DECLARANT_NOT_FOUND',
      `Aucun déclarant ${unknown} (voir la liste des déclarants).`,
    ]);
    const revoked = await createDeclarant(store.db, 'Ancien', siren);
    await revokeDeclarant(store.db, revoked.declarant.id, new Date());
    expect(error(await deposit(`?declarant=${revoked.declarant.id}`, operatorToken))).toEqual([
      409,
      'DECLARANT_REVOKED',
      `Le jeton du déclarant ${revoked.declarant.id} est révoqué : rien n'est plus déposé en son nom.`,
    ]);
  });

  it('files for a declarant within its perimeter only, then for itself with no perimeter', async () => {
    const foreign = await createDeclarant(store.db, 'Autre entreprise', '732829320');
    const refused = await deposit(`?declarant=${foreign.declarant.id}&fileName=mars.dsn`, operatorToken);
    expect(refused.statusCode).toBe(201);
    expect(refused.json()).toMatchObject({ status: 'rejected', duplicate: false });
    expect(refused.json().report.groups.map((g: { code: string }) => g.code)).toContain(
      'RELAIS-DEPOSIT-OUT-OF-SCOPE',
    );

    // Refused for its sender, the file is not deposited: the operator's own deposit files it.
    const own = await deposit('?fileName=mars.dsn', operatorToken);
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ status: 'accepted', duplicate: false });
    expect(own.headers.location).toBe(`/v1/depots/${own.json().acknowledgement.depositId}`);
    const again = await deposit('', operatorToken);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      duplicate: true,
      acknowledgement: { depositId: own.json().acknowledgement.depositId },
    });
  });
});
