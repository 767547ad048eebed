import { operator } from '../platform/auth/operator.ts';
import {
  addDeclarant,
  listAllDeclarants,
  revokeDeclarantToken,
  type DeclarantView,
} from '../features/declarant/admin.ts';
import { administer } from './administer.ts';
import { linkAccount, listAllAccounts, unlinkAccount, type AccountView } from '../features/web/accounts.ts';
import { exitCodes, UsageError } from './errors.ts';

/**
 * `relais declarants`: the administration use cases, as the operator, on the database itself or,
 * when a server holds the embedded database, through its operator API (`/v1/admin/declarants`,
 * `/v1/admin/comptes` for the people of the web application and their portfolios).
 */

const checkFormat = (format: string) => {
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`Format inconnu « ${format} » : choisissez text ou json.`);
};

interface Created {
  id: string;
  name: string;
  scope: string;
  token: string;
}

export async function declarantsAddCommand(options: {
  name?: string;
  scope?: string;
  format?: string;
}): Promise<number> {
  const format = options.format ?? 'text';
  checkFormat(format);
  if (!options.name) throw new UsageError("l'option --name est obligatoire (nom du déclarant).");
  if (!options.scope)
    throw new UsageError("l'option --scope est obligatoire (SIREN ou SIRET couvert par le jeton).");
  const input = { name: options.name, scope: options.scope };
  const created = await administer<Created>(
    async (db) => {
      const { declarant, token } = await addDeclarant(db, operator, input);
      return { id: declarant.id, name: declarant.name, scope: declarant.scope, token };
    },
    (server) => server.call<Created>('POST', '/v1/admin/declarants', input),
  );
  if (format === 'json') {
    // For scripts: `… --format json | jq -r .token > jeton.txt`.
    process.stdout.write(
      `${JSON.stringify({ id: created.id, token: created.token, scope: created.scope })}\n`,
    );
  } else {
    process.stdout.write(`${created.token}\n`);
  }
  process.stderr.write(
    `Déclarant ${created.name} (${created.id}) créé pour le périmètre ${created.scope}.\n` +
      'Conservez ce jeton : il ne sera plus jamais affiché (seule son empreinte est enregistrée).\n' +
      'Utilisation : curl -H "Authorization: Bearer <jeton>" …\n',
  );
  return exitCodes.ok;
}

export async function declarantsListCommand(options: { format: string }): Promise<number> {
  checkFormat(options.format);
  const rows = await administer(
    (db) => listAllDeclarants(db, operator),
    (server) => server.call<DeclarantView[]>('GET', '/v1/admin/declarants'),
  );
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return exitCodes.ok;
  }
  if (rows.length === 0)
    process.stdout.write('Aucun déclarant. Créez-en un : relais declarants add --name … --scope SIREN\n');
  for (const d of rows) {
    const state = d.revokedAt ? `révoqué le ${d.revokedAt.slice(0, 10)}` : 'actif';
    process.stdout.write(`${d.id}  ${d.scope.padEnd(14)}  ${state.padEnd(22)}  ${d.name}\n`);
  }
  return exitCodes.ok;
}

export async function declarantsRevokeCommand(id: string): Promise<number> {
  await administer(
    (db) => revokeDeclarantToken(db, operator, id, new Date()),
    (server) =>
      server.call<{ id: string; revokedAt: string }>(
        'POST',
        `/v1/admin/declarants/${encodeURIComponent(id)}/revocation`,
      ),
  );
  process.stdout.write(`Jeton du déclarant ${id} révoqué.\n`);
  return exitCodes.ok;
}

function printAccount(account: AccountView): void {
  const scopes = account.portfolio.map((p) => `${p.scope} (${p.name})`).join(', ') || 'aucun déclarant';
  const state = account.signedIn ? 'déjà connecté' : 'jamais connecté';
  process.stdout.write(`${account.email}  ${state.padEnd(16)}  ${scopes}\n`);
}

export async function declarantsLinkCommand(options: {
  compte?: string;
  scope?: string;
  name?: string;
}): Promise<number> {
  if (!options.compte)
    throw new UsageError("l'option --compte est obligatoire (adresse électronique de la personne).");
  if (!options.scope) throw new UsageError("l'option --scope est obligatoire (SIREN ou SIRET du déclarant).");
  const input = {
    email: options.compte,
    scope: options.scope,
    ...(options.name ? { name: options.name } : {}),
  };
  const account = await administer(
    (db) => linkAccount(db, operator, input),
    (server) => server.call<AccountView>('POST', '/v1/admin/comptes/liens', input),
  );
  printAccount(account);
  process.stderr.write(
    `${account.email} agit désormais pour ${options.scope} dans l’espace déclarant (/espace/), une fois connecté.\n`,
  );
  return exitCodes.ok;
}

export async function declarantsUnlinkCommand(options: { compte?: string; scope?: string }): Promise<number> {
  if (!options.compte || !options.scope)
    throw new UsageError('les options --compte et --scope sont obligatoires.');
  const input = { email: options.compte, scope: options.scope };
  const account = await administer(
    (db) => unlinkAccount(db, operator, input),
    (server) => server.call<AccountView>('POST', '/v1/admin/comptes/liens/suppression', input),
  );
  printAccount(account);
  return exitCodes.ok;
}

export async function declarantsAccountsCommand(options: { format: string }): Promise<number> {
  checkFormat(options.format);
  const accounts = await administer(
    (db) => listAllAccounts(db, operator),
    (server) => server.call<AccountView[]>('GET', '/v1/admin/comptes'),
  );
  if (options.format === 'json') process.stdout.write(JSON.stringify(accounts, null, 2) + '\n');
  else if (accounts.length === 0)
    process.stdout.write(
      'Aucun compte. Liez-en un : relais declarants link --compte ADRESSE --scope SIREN\n',
    );
  else accounts.forEach(printAccount);
  return exitCodes.ok;
}
