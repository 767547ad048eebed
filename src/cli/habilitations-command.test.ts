import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'relais.js');

/** `relais organismes`, `relais habilitations` and `relais cles` on an embedded database of their own. */
describe('the bodies and habilitations commands on the local database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-habilitations-'));
  const env = {
    ...process.env,
    RELAIS_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    RELAIS_OPERATOR_TOKEN: '',
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const relais = (...args: string[]) => {
    const run = spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };

  it(
    'registers a body, habilitates it (secret printed once), lists, shows and revokes',
    { timeout: 300_000 },
    () => {
      expect(relais('organismes', 'add', '--siret', '53428700000010', '--nom', 'CAF de test')).toMatchObject({
        code: 0,
        out: 'Organisme CAF de test (53428700000010) enregistré.\n',
      });
      const added = relais(
        'habilitations',
        'add',
        '--organisme',
        '53428700000010',
        '--finalite',
        'RSA_PPA',
        '--base-legale',
        'CASF L.262-1',
        '--champs',
        'netSocial',
        '--profondeur-mois',
        '12',
        '--format',
        'json',
      );
      expect(added.code, added.err).toBe(0);
      const credentials = JSON.parse(added.out);
      expect(credentials).toEqual({
        id: expect.any(String),
        client_id: expect.stringMatching(/^rlc_/),
        client_secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        siret: '53428700000010',
        finalite: 'RSA_PPA',
      });
      expect(added.err).toMatch(/Conservez ce secret : il ne sera plus jamais affiché/);

      const list = relais('habilitations', 'list', '--organisme', '53428700000010');
      expect(list.code).toBe(0);
      expect(list.out).toContain(`${credentials.id}  53428700000010  RSA_PPA`);
      expect(list.out).toContain(credentials.client_id);
      expect(list.out).not.toContain(credentials.client_secret);

      const shown = relais('habilitations', 'show', credentials.id);
      expect(shown.out).toMatch(/^Champs\s+netSocial$/m);
      expect(shown.out).toMatch(/^État\s+active$/m);

      expect(relais('habilitations', 'revoke', credentials.id)).toMatchObject({
        code: 0,
        out: `Habilitation ${credentials.id} révoquée : ses jetons sont refusés dès maintenant.\n`,
      });
      expect(relais('habilitations', 'show', credentials.id).out).toMatch(/^État\s+révoquée le \d{4}-/m);
    },
  );

  it(
    'refuses with exit code 2 and a French message: unknown field, unknown purpose, bad depth, bad SIRET',
    {
      timeout: 300_000,
    },
    () => {
      const add = (finalite: string, champs: string, profondeur: string, organisme = '53428700000010') =>
        relais(
          'habilitations',
          'add',
          '--organisme',
          organisme,
          '--finalite',
          finalite,
          '--base-legale',
          'Texte',
          '--champs',
          champs,
          '--profondeur-mois',
          profondeur,
        );
      expect(add('RSA_PPA', 'netSocial,salaire', '12')).toMatchObject({
        code: 2,
        err: expect.stringContaining(
          'Champ inconnu : salaire ; champs accordables : netTaxable, netPaid, netSocial',
        ),
      });
      expect(add('RSA', 'netSocial', '12')).toMatchObject({
        code: 2,
        err: expect.stringContaining('Finalité inconnue « RSA » ; finalités enregistrées :'),
      });
      expect(add('RSA_PPA', 'netSocial', '121')).toMatchObject({
        code: 2,
        err: expect.stringContaining('un nombre entier de mois de 1 à 120 est attendu'),
      });
      expect(relais('organismes', 'add', '--siret', '53428700000011', '--nom', 'X')).toMatchObject({
        code: 2,
        err: 'relais : La clé du SIRET 53428700000011 est fausse.\n',
      });
    },
  );
});
