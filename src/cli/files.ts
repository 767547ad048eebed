import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { UsageError } from './errors.ts';

/** One mebibyte: large enough for throughput, small enough for bounded memory. */
const chunkSize = 1 << 20;

export interface InputFile {
  path: string;
  size: number;
  stream: Iterable<Uint8Array>;
}

/**
 * The standard input, for `relais check -` (`zcat envoi.dsn.gz | relais check -`); its size is not
 * known, so no progress bar. A terminal is refused: the command would wait for a declaration typed in.
 */
export function openStdin(): { path: string; size: number; stream: AsyncIterable<Uint8Array> } {
  if (process.stdin.isTTY)
    throw new UsageError(
      "« - » lit la déclaration sur l'entrée standard, qui est ici un terminal : redirigez un fichier (relais check - < envoi.dsn) ou passez son chemin.",
      'RELAIS-CLI-STDIN-TTY',
    );
  return { path: '-', size: 0, stream: process.stdin };
}

/** Opens a declaration for streaming, or explains in French why it cannot be read. */
export function openInput(path: string): InputFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory())
      throw new UsageError(`${path} est un dossier, pas un fichier de déclaration.`, 'RELAIS-CLI-NOT-A-FILE');
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw readFailure(path, error);
  }
  return { path, size, stream: chunks(path) };
}

/**
 * Synchronous reads: the check is single-threaded and CPU-bound, so reading the next megabyte
 * while the previous one is checked gains nothing, and a stream's round trips through the thread
 * pool left the main thread idle (a tenth of the time on a 100 MB file).
 */
function* chunks(path: string): Iterable<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readFailure(path, error);
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      let read: number;
      try {
        read = readSync(fd, buffer, 0, chunkSize, null);
      } catch (error) {
        throw readFailure(path, error);
      }
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** The system's code (`ENOSPC`…) of an error it did not word in French, else nothing to add. */
const systemCode = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? '' : ` (erreur système ${code})`;
};

function unreadable(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `Fichier introuvable : ${path}`;
  if (code === 'EACCES' || code === 'EPERM') return `Lecture refusée (droits insuffisants) : ${path}`;
  if (code === 'EISDIR') return `${path} est un dossier, pas un fichier de déclaration.`;
  // Node's own message is English: the code says what happened to whoever looks it up.
  return `Impossible de lire ${path}${systemCode(error)}.`;
}

/** A file that could not be read, from the system's error (a missing file, a folder, rights…). */
export function readFailure(path: string, error: unknown): UsageError {
  return new UsageError(unreadable(path, error), 'RELAIS-CLI-UNREADABLE');
}

/** A file that could not be written, from the system's error, in French. */
export function writeFailure(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UsageError(`Impossible d'écrire ${path} : le dossier n'existe pas.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new UsageError(`Écriture refusée (droits insuffisants) : ${path}`);
  if (code === 'EISDIR') return new UsageError(`${path} est un dossier.`);
  if (code === 'ENOSPC') return new UsageError(`Impossible d'écrire ${path} : le disque est plein.`);
  return new UsageError(`Impossible d'écrire ${path}${systemCode(error)}.`);
}
