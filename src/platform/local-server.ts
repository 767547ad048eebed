import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `<data>/server.json`: where a server running on the embedded database listens. PGlite lets one
 * process open the folder; while a server holds it, the CLI finds the server here and goes through
 * its operator API instead of failing on the lock (see `cli/store-access.ts`). Written once the
 * server listens, removed when it stops; a file left by a killed server is told by its pid, which
 * must be the one holding the data directory's lock.
 */
export interface LocalServer {
  /** Base URL a client on this machine reaches (a wildcard listening address becomes loopback). */
  url: string;
  pid: number;
  /** The operator token's file, or null when the token comes from RELAIS_OPERATOR_TOKEN. */
  operatorTokenFile: string | null;
}

const fileOf = (dataDir: string) => join(dataDir, 'server.json');

/** `http://0.0.0.0:3000` is where the server listens, not an address to call. */
export function reachableUrl(address: string): string {
  return address.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}

/** Returns the function that removes the file (only if it is still this server's). */
export function writeLocalServer(dataDir: string, server: LocalServer): () => void {
  const file = fileOf(dataDir);
  writeFileSync(file, `${JSON.stringify(server, null, 2)}\n`, { mode: 0o600 });
  return () => {
    if (readLocalServer(dataDir)?.pid === server.pid) rmSync(file, { force: true });
  };
}

/** The server recorded in the data directory, if the file is there and readable. */
export function readLocalServer(dataDir: string): LocalServer | null {
  try {
    const value = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as Partial<LocalServer>;
    if (typeof value.url !== 'string' || !Number.isInteger(value.pid)) return null;
    return {
      url: value.url,
      pid: value.pid!,
      operatorTokenFile: typeof value.operatorTokenFile === 'string' ? value.operatorTokenFile : null,
    };
  } catch {
    return null;
  }
}
