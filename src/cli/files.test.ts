import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.ts';
import { readFailure, writeFailure } from './files.ts';
import { replaceCommand } from './replace-command.ts';

const failure = (error: unknown) => [(error as UsageError).constructor, (error as UsageError).message];
const systemError = (code: string) => Object.assign(new Error(`${code}: English words`), { code });

/** What the system refuses, said in French whatever the command: never Node's English message. */
describe('files the CLI cannot read or write', () => {
  it('words each refusal of the system, and names the code of the others', () => {
    expect(failure(readFailure('a.dsn', systemError('ENOENT')))).toEqual([
      UsageError,
      'Fichier introuvable : a.dsn',
    ]);
    expect(failure(readFailure('a.dsn', systemError('EACCES')))[1]).toBe(
      'Lecture refusée (droits insuffisants) : a.dsn',
    );
    expect(failure(readFailure('a.dsn', systemError('EIO')))[1]).toBe(
      'Impossible de lire a.dsn (erreur système EIO).',
    );
    expect(failure(writeFailure('b.dsn', systemError('ENOENT')))[1]).toBe(
      "Impossible d'écrire b.dsn : le dossier n'existe pas.",
    );
    expect(failure(writeFailure('b.dsn', systemError('EPERM')))[1]).toBe(
      'Écriture refusée (droits insuffisants) : b.dsn',
    );
    expect(failure(writeFailure('b.dsn', systemError('ENOSPC')))[1]).toBe(
      "Impossible d'écrire b.dsn : le disque est plein.",
    );
    expect(failure(writeFailure('b.dsn', systemError('EROFS')))[1]).toBe(
      "Impossible d'écrire b.dsn (erreur système EROFS).",
    );
  });

  it('relais replace: a missing file, an output in a missing folder or on a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-files-'));
    const file = join(dir, 'mars.dsn');
    writeFileSync(file, "S10.G00.00.001,'Essai'\n");
    mkdirSync(join(dir, 'dossier'));
    const refusal = (source: string, out: string) =>
      replaceCommand(source, { out, date: '01042026' }).then(() => null, failure);
    expect(await refusal(join(dir, 'absent.dsn'), join(dir, 'out.dsn'))).toEqual([
      UsageError,
      `Fichier introuvable : ${join(dir, 'absent.dsn')}`,
    ]);
    expect(await refusal(file, join(dir, 'absent', 'out.dsn'))).toEqual([
      UsageError,
      `Impossible d'écrire ${join(dir, 'absent', 'out.dsn')} : le dossier n'existe pas.`,
    ]);
    expect(await refusal(file, join(dir, 'dossier'))).toEqual([
      UsageError,
      `${join(dir, 'dossier')} est un dossier.`,
    ]);
  });
});
