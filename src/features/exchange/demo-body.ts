import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { operator } from '../../platform/auth/operator.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { addBody, addHabilitation, rotateHabilitationSecret, type HabilitationWithSecret } from './admin.ts';
import { findBody } from './bodies-repository.ts';
import { secretMatches } from './client-secrets.ts';
import { findCredential, listHabilitations } from './habilitations-repository.ts';

/**
 * The demo's receiving body: a CAF-like body with an `RSA_PPA` habilitation (the net social
 * amount only, twelve months), whose client is written to `<data>/demo-organisme.json` so that a
 * newcomer gets a token with curl. A restart changes nothing; a lost or stale file is written
 * again with a new secret, the only way to show one again.
 */

/** A SIRET of no real establishment (SIREN 999 999 998), its check digits right. */
export const demoBodySiret = '99999999800019';
const demoBodyName = 'Caisse d’allocations familiales de démonstration';
const demoPurpose = 'RSA_PPA';

export interface DemoBodyFile {
  client_id: string;
  client_secret: string;
  siret: string;
  finalite: string;
}

async function readDemoFile(file: string): Promise<DemoBodyFile | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DemoBodyFile;
  } catch {
    return null;
  }
}

async function writeDemoFile(file: string, habilitation: HabilitationWithSecret): Promise<void> {
  const content: DemoBodyFile = {
    client_id: habilitation.clientId,
    client_secret: habilitation.clientSecret,
    siret: habilitation.siret,
    finalite: habilitation.purpose,
  };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  // The mode of `writeFile` applies to a new file only.
  await chmod(file, 0o600);
}

/** Creates the demo body when missing, and its credentials file when missing; returns the file. */
export async function ensureDemoBody(ex: Executor, dataDir: string, at = new Date()): Promise<string> {
  const file = join(dataDir, 'demo-organisme.json');
  await mkdir(dataDir, { recursive: true });
  if (!(await findBody(ex, demoBodySiret))) {
    await addBody(ex, operator, { siret: demoBodySiret, name: demoBodyName });
  }
  const current = (await listHabilitations(ex, demoBodySiret)).find(
    (h) => h.purpose === demoPurpose && h.revoked_at === null,
  );
  if (!current) {
    const created = await addHabilitation(ex, operator, {
      siret: demoBodySiret,
      purpose: demoPurpose,
      legalBasis: 'CASF L.262-1 et s., CSS L.841-1 et s. ; décret n° 2019-969 (démonstration)',
      fields: ['netSocial'],
      depthMonths: 12,
    });
    await writeDemoFile(file, created);
    return file;
  }
  const written = await readDemoFile(file);
  const stored = await findCredential(ex, current.id);
  const valid =
    written?.client_id === current.client_id &&
    typeof written.client_secret === 'string' &&
    secretMatches(stored?.secret_sha256, written.client_secret);
  if (!valid) {
    await writeDemoFile(file, await rotateHabilitationSecret(ex, operator, current.id, at));
  }
  return file;
}
