import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseProblem } from './database-problem.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'relais.js');
const failed = (code: string) => Object.assign(new Error(`${code}: English words`), { code });

describe('a database the CLI cannot reach, in French', () => {
  it('says the common causes, and the code of the others, never the driver’s English', () => {
    expect(databaseProblem(failed('28P01'))).toBe(
      'PostgreSQL refuse l’utilisateur ou le mot de passe de DATABASE_URL',
    );
    expect(databaseProblem(failed('3D000'))).toBe('la base nommée dans DATABASE_URL n’existe pas');
    expect(databaseProblem(failed('ENOTFOUND'))).toBe('l’hôte de DATABASE_URL est introuvable');
    expect(databaseProblem(failed('42P07'))).toBe('erreur 42P07 de la base de données');
  });

  it('relais db migrate on a PostgreSQL that does not answer: exit 1, the reason in French', () => {
    const run = spawnSync(process.execPath, [bin, 'db', 'migrate'], {
      env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect([run.status, run.stderr.trim().split('\n').at(-1)]).toEqual([
      1,
      'relais : migration impossible : PostgreSQL ne répond pas à l’adresse de DATABASE_URL (serveur arrêté ?).',
    ]);
  });
});
