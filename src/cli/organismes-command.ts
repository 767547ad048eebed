import {
  addBody,
  addPurpose,
  disableBodyBySiret,
  listAllBodies,
  listAllPurposes,
  rotateKeys,
  type BodyView,
  type PurposeView,
} from '../features/exchange/admin.ts';
import { operator } from '../platform/auth/operator.ts';
import { administer } from './administer.ts';
import { exitCodes, UsageError } from './errors.ts';

/**
 * `relais organismes`, `relais finalites` and `relais cles`: the receiving bodies, the purposes
 * they read for and the keys that sign their tokens, as the operator, on the database or through
 * the running server (see `administer.ts`).
 */

const required = (value: string | undefined, option: string, what: string): string => {
  if (value === undefined || value.trim() === '')
    throw new UsageError(`l'option ${option} est obligatoire (${what}).`);
  return value;
};

const json = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export async function bodiesAddCommand(options: { siret?: string; nom?: string }): Promise<number> {
  const input = {
    siret: required(options.siret, '--siret', 'SIRET de l’organisme'),
    name: required(options.nom, '--nom', 'nom de l’organisme'),
  };
  const body = await administer(
    (db) => addBody(db, operator, input),
    (server) => server.call<BodyView>('POST', '/v1/admin/organismes', input),
  );
  process.stdout.write(`Organisme ${body.name} (${body.siret}) enregistré.\n`);
  return exitCodes.ok;
}

export async function bodiesListCommand(options: { format: string }): Promise<number> {
  const bodies = await administer(
    (db) => listAllBodies(db, operator),
    (server) => server.call<BodyView[]>('GET', '/v1/admin/organismes'),
  );
  if (options.format === 'json') {
    json(bodies);
    return exitCodes.ok;
  }
  if (bodies.length === 0)
    process.stdout.write(
      'Aucun organisme. Enregistrez-en un : relais organismes add --siret SIRET --nom NOM\n',
    );
  for (const b of bodies) {
    const state = b.disabledAt ? `désactivé le ${b.disabledAt.slice(0, 10)}` : 'actif';
    process.stdout.write(`${b.siret}  ${state.padEnd(23)}  ${b.name}\n`);
  }
  return exitCodes.ok;
}

export async function bodiesDisableCommand(siret: string): Promise<number> {
  await administer(
    (db) => disableBodyBySiret(db, operator, siret, new Date()),
    (server) =>
      server.call<BodyView>('POST', `/v1/admin/organismes/${encodeURIComponent(siret)}/desactivation`),
  );
  process.stdout.write(`Organisme ${siret} désactivé : ses jetons sont refusés dès maintenant.\n`);
  return exitCodes.ok;
}

export async function purposesListCommand(options: { format: string }): Promise<number> {
  const purposes = await administer(
    (db) => listAllPurposes(db, operator),
    (server) => server.call<PurposeView[]>('GET', '/v1/admin/finalites'),
  );
  if (options.format === 'json') {
    json(purposes);
    return exitCodes.ok;
  }
  for (const p of purposes)
    process.stdout.write(`${p.code.padEnd(22)}  ${p.label}\n${' '.repeat(24)}${p.legalReference}\n`);
  return exitCodes.ok;
}

export async function purposesAddCommand(options: {
  code?: string;
  libelle?: string;
  reference?: string;
}): Promise<number> {
  const input = {
    code: required(options.code, '--code', 'code de la finalité, par exemple RSA_PPA'),
    label: required(options.libelle, '--libelle', 'libellé de la finalité'),
    legalReference: required(options.reference, '--reference', 'texte qui fonde la finalité'),
  };
  const purpose = await administer(
    (db) => addPurpose(db, operator, input),
    (server) => server.call<PurposeView>('POST', '/v1/admin/finalites', input),
  );
  process.stdout.write(`Finalité ${purpose.code} ajoutée.\n`);
  return exitCodes.ok;
}

export async function keysRotateCommand(): Promise<number> {
  const { kid } = await administer(
    (db) => rotateKeys(db, operator, new Date()),
    (server) => server.call<{ kid: string }>('POST', '/v1/admin/cles/rotation'),
  );
  process.stdout.write(
    `Nouvelle clé de signature ${kid} : elle signe dès maintenant ; les jetons signés par les précédentes restent valides jusqu’à leur expiration.\n`,
  );
  return exitCodes.ok;
}
