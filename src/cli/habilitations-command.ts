import {
  addHabilitation,
  listAllHabilitations,
  revokeHabilitationById,
  rotateHabilitationSecret,
  showHabilitation,
  type HabilitationView,
  type HabilitationWithSecret,
} from '../features/exchange/admin.ts';
import { operator } from '../platform/auth/operator.ts';
import { administer } from './administer.ts';
import { exitCodes, UsageError } from './errors.ts';

/**
 * `relais habilitations`: one purpose granted to one body, with its OAuth2 client, as the operator,
 * on the database or through the running server (see `administer.ts`).
 */

const required = (value: string | undefined, option: string, what: string): string => {
  if (value === undefined || value.trim() === '')
    throw new UsageError(`l'option ${option} est obligatoire (${what}).`);
  return value;
};

/** The client's credentials, once: `client_id=…` lines for a shell, or JSON for `jq`. */
function printCredentials(h: HabilitationWithSecret, format: string, what: string): void {
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ id: h.id, client_id: h.clientId, client_secret: h.clientSecret, siret: h.siret, finalite: h.purpose })}\n`,
    );
  } else {
    process.stdout.write(`client_id=${h.clientId}\nclient_secret=${h.clientSecret}\n`);
  }
  process.stderr.write(
    `${what} ${h.id} : organisme ${h.siret}, finalité ${h.purpose}, champs ${h.fields.join(', ')}, ${h.depthMonths} mois.\n` +
      'Conservez ce secret : il ne sera plus jamais affiché (seule son empreinte est enregistrée).\n' +
      'Jeton : curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials http://…/oauth/token\n',
  );
}

export async function habilitationsAddCommand(options: {
  organisme?: string;
  finalite?: string;
  baseLegale?: string;
  champs?: string;
  profondeurMois?: string;
  format: string;
}): Promise<number> {
  const depth = required(options.profondeurMois, '--profondeur-mois', 'nombre de mois lisibles, de 1 à 120');
  if (!/^\d{1,4}$/.test(depth.trim())) {
    throw new UsageError(`--profondeur-mois « ${depth} » : un nombre entier de mois de 1 à 120 est attendu.`);
  }
  const input = {
    siret: required(options.organisme, '--organisme', 'SIRET de l’organisme'),
    purpose: required(options.finalite, '--finalite', 'code de la finalité, voir relais finalites list'),
    legalBasis: required(options.baseLegale, '--base-legale', 'texte qui fonde l’accès'),
    fields: required(options.champs, '--champs', 'champs accordés, séparés par des virgules').split(','),
    depthMonths: Number(depth),
  };
  const created = await administer(
    (db) => addHabilitation(db, operator, input),
    (server) => server.call<HabilitationWithSecret>('POST', '/v1/admin/habilitations', input),
  );
  printCredentials(created, options.format, 'Habilitation créée');
  return exitCodes.ok;
}

function describe(h: HabilitationView): string {
  const state = h.revokedAt ? `révoquée le ${h.revokedAt.slice(0, 10)}` : 'active';
  return `${h.id}  ${h.siret}  ${h.purpose.padEnd(16)}  ${state.padEnd(22)}  ${h.clientId}  ${h.fields.join(',')}  ${h.depthMonths} mois`;
}

export async function habilitationsListCommand(options: {
  organisme?: string;
  format: string;
}): Promise<number> {
  const siret = options.organisme;
  const rows = await administer(
    (db) => listAllHabilitations(db, operator, siret),
    (server) =>
      server.call<HabilitationView[]>(
        'GET',
        `/v1/admin/habilitations${siret === undefined ? '' : `?organisme=${encodeURIComponent(siret)}`}`,
      ),
  );
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (rows.length === 0)
    process.stdout.write('Aucune habilitation. Créez-en une : relais habilitations add …\n');
  for (const h of rows) process.stdout.write(`${describe(h)}\n`);
  return exitCodes.ok;
}

export async function habilitationsShowCommand(id: string, options: { format: string }): Promise<number> {
  const h = await administer(
    (db) => showHabilitation(db, operator, id),
    (server) => server.call<HabilitationView>('GET', `/v1/admin/habilitations/${encodeURIComponent(id)}`),
  );
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(h, null, 2)}\n`);
    return exitCodes.ok;
  }
  const lines = [
    ['Habilitation', h.id],
    ['Organisme', h.siret],
    ['Finalité', h.purpose],
    ['Base légale', h.legalBasis],
    ['Champs', h.fields.join(', ')],
    ['Profondeur', `${h.depthMonths} mois`],
    ['client_id', h.clientId],
    ['Créée le', h.createdAt],
    ['Secret renouvelé le', h.secretRotatedAt ?? '—'],
    ['État', h.revokedAt ? `révoquée le ${h.revokedAt}` : 'active'],
  ];
  for (const [label, value] of lines) process.stdout.write(`${label!.padEnd(20)} ${value}\n`);
  return exitCodes.ok;
}

export async function habilitationsRevokeCommand(id: string): Promise<number> {
  await administer(
    (db) => revokeHabilitationById(db, operator, id, new Date()),
    (server) =>
      server.call<HabilitationView>('POST', `/v1/admin/habilitations/${encodeURIComponent(id)}/revocation`),
  );
  process.stdout.write(`Habilitation ${id} révoquée : ses jetons sont refusés dès maintenant.\n`);
  return exitCodes.ok;
}

export async function habilitationsRotateSecretCommand(
  id: string,
  options: { format: string },
): Promise<number> {
  const rotated = await administer(
    (db) => rotateHabilitationSecret(db, operator, id, new Date()),
    (server) =>
      server.call<HabilitationWithSecret>('POST', `/v1/admin/habilitations/${encodeURIComponent(id)}/secret`),
  );
  printCredentials(rotated, options.format, 'Nouveau secret pour l’habilitation');
  return exitCodes.ok;
}
