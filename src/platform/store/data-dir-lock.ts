import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Thrown when the embedded database is already open in another process. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`embedded database ${dataDir} is open in process ${pid}`);
    this.name = 'DatabaseLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a database inside this process: two processes on one folder would corrupt it. A lock
 * file with the owner's pid refuses the second one; a lock left by a dead process is taken over.
 * Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  // Beside the folder, not in it: PGlite initialises an empty folder as its data directory.
  const lock = `${dataDir.replace(/\/+$/, '')}.lock`;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner))
      throw new DatabaseLockedError(dataDir, owner);
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}
