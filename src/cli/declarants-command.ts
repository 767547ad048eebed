import { AppError } from '../platform/errors.ts';
import { createDeclarant, listDeclarants, revokeDeclarant } from '../features/declarant/declarants.ts';
import { isUuid } from '../platform/store/ids.ts';
import { exitCodes, UsageError } from './errors.ts';
import { cliConfig, cliLogger, cliStore } from './store-access.ts';

async function withStore<T>(run: (store: Awaited<ReturnType<typeof cliStore>>) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const store = await cliStore(config, cliLogger(config));
  try {
    return await run(store);
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.detail, `RELAIS-CLI-${error.code}`);
    throw error;
  } finally {
    await store.close();
  }
}

export async function declarantsAddCommand(options: {
  name?: string;
  scope?: string;
  format?: string;
}): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`Format inconnu « ${format} » : choisissez text ou json.`);
  if (!options.name) throw new UsageError("l'option --name est obligatoire (nom du déclarant).");
  if (!options.scope)
    throw new UsageError("l'option --scope est obligatoire (SIREN ou SIRET couvert par le jeton).");
  const { declarant, token } = await withStore((store) =>
    createDeclarant(store.db, options.name!, options.scope!),
  );
  // JSON for scripts that create a declarant and then deposit with its token: exactly these keys.
  if (format === 'json')
    process.stdout.write(JSON.stringify({ id: declarant.id, token, scope: declarant.scope }) + '\n');
  else process.stdout.write(`${token}\n`);
  process.stderr.write(
    `Déclarant ${declarant.name} (${declarant.id}) créé pour le périmètre ${declarant.scope}.\n` +
      'Conservez ce jeton : il ne sera plus jamais affiché (seule son empreinte est enregistrée).\n' +
      'Utilisation : curl -H "Authorization: Bearer <jeton>" …\n',
  );
  return exitCodes.ok;
}

export async function declarantsListCommand(options: { format: string }): Promise<number> {
  const rows = await withStore((store) => listDeclarants(store.db));
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return exitCodes.ok;
  }
  if (rows.length === 0)
    process.stdout.write('Aucun déclarant. Créez-en un : relais declarants add --name … --scope SIREN\n');
  for (const d of rows) {
    const state = d.revoked_at ? `révoqué le ${d.revoked_at.toISOString().slice(0, 10)}` : 'actif';
    process.stdout.write(`${d.id}  ${d.scope.padEnd(14)}  ${state.padEnd(22)}  ${d.name}\n`);
  }
  return exitCodes.ok;
}

export async function declarantsRevokeCommand(id: string): Promise<number> {
  if (!isUuid(id))
    throw new UsageError(`« ${id} » n'est pas un identifiant de déclarant (voir relais declarants list).`);
  const revoked = await withStore((store) => revokeDeclarant(store.db, id, new Date()));
  if (!revoked) throw new UsageError(`Aucun déclarant actif ${id} (voir relais declarants list).`);
  process.stdout.write(`Jeton du déclarant ${id} révoqué.\n`);
  return exitCodes.ok;
}
