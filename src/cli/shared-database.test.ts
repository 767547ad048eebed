import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'relais.js');

/**
 * The newcomer's order: `npm start` on the embedded database, then the CLI beside it. The server
 * holds the data directory's lock; the CLI finds it in `data/server.json` and goes through its
 * operator API instead of failing.
 */
describe('the CLI beside a server on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-shared-'));
  const data = join(dir, 'data');
  // The CLI runs where the newcomer runs it, with the data directory of the server.
  const env = { ...process.env, RELAIS_DATA_DIR: data, LOG_LEVEL: 'info', DATABASE_URL: '' };
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const relais = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });

  it(
    'says what a first start does, then the CLI adds a declarant through the running server',
    { timeout: 300_000 },
    async () => {
      const child = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0'], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      let progress = '';
      child.stdout.resume();
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          progress += String(chunk);
          const ready = /Relais est prêt : (http:\/\/\S+?)\/ /.exec(progress);
          if (ready) resolve(ready[1]!);
        });
        child.on('exit', (code) => reject(new Error(`relais serve stopped with ${code}:\n${progress}`)));
      });

      // The first start, in readable French lines on stderr, few of them.
      const lines = progress.trim().split('\n');
      expect(lines[0]).toBe('Création de la base embarquée dans ./data…');
      // One line a migration, counted against the migrations the store has.
      const migrations = readdirSync(join(root, 'src', 'platform', 'store', 'migrations')).filter((f) =>
        /^\d+_.*\.ts$/.test(f),
      ).length;
      expect(lines.filter((l) => l.startsWith('Migration '))).toEqual(
        Array.from({ length: migrations }, (_, i) => `Migration ${i + 1}/${migrations}…`),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^Données de démonstration : dépôt de la DSN de \d{4}-\d{2} \(4\/7\)…$/),
      );
      expect(lines.filter((l) => /^Données de démonstration : .* \(\d\/7\)…$/.test(l))).toHaveLength(7);
      expect(lines.at(-1)).toBe(`Relais est prêt : ${url}/ (documentation : ${url}/docs ; arrêt : Ctrl+C)`);
      expect(lines.length).toBeLessThanOrEqual(10 + migrations);
      expect(JSON.parse(readFileSync(join(data, 'server.json'), 'utf8'))).toMatchObject({
        url,
        pid: child.pid,
      });

      const added = relais(
        'declarants',
        'add',
        '--name',
        'Boulangerie Martin',
        '--scope',
        '552100554',
        '--format',
        'json',
      );
      expect(added.stderr).toContain(
        `Le serveur Relais en marche (${url}) tient la base embarquée : la commande passe par son API.`,
      );
      expect(added.status).toBe(0);
      const created = JSON.parse(added.stdout) as { id: string; token: string; scope: string };
      expect(created).toEqual({
        id: expect.any(String),
        token: expect.stringMatching(/^relais_/),
        scope: '552100554',
      });

      // The declarant is in the server's database: the API lists it, and its token is accepted.
      const operatorToken = readFileSync(join(data, 'operator-token.txt'), 'utf8').trim();
      const listed = await fetch(`${url}/v1/admin/declarants`, {
        headers: { authorization: `Bearer ${operatorToken}` },
      });
      expect((await listed.json()).map((d: { id: string }) => d.id)).toContain(created.id);
      const own = await fetch(`${url}/v1/depots`, { headers: { authorization: `Bearer ${created.token}` } });
      expect(own.status).toBe(200);

      // Other commands go the same way; a refusal keeps its French reason and exit code.
      expect(relais('declarants', 'list').stdout).toContain(`${created.id}  552100554`);
      const migrated = relais('db', 'migrate');
      expect([migrated.status, migrated.stdout]).toEqual([
        0,
        `Base à jour : le serveur ${url} l’a migrée à son démarrage.\n`,
      ]);
      const bad = relais('declarants', 'add', '--name', 'X', '--scope', '552100555');
      expect([bad.status, bad.stderr.trim().split('\n').at(-1)]).toEqual([
        2,
        'relais : La clé du SIREN 552100555 est fausse.',
      ]);
      expect(relais('declarants', 'revoke', created.id).status).toBe(0);

      // Stopped, the server removes its address; the CLI opens the database itself again.
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      server = undefined;
      expect(existsSync(join(data, 'server.json'))).toBe(false);
      const direct = relais('declarants', 'list', '--format', 'json');
      expect(direct.stderr).not.toContain('passe par son API');
      expect(JSON.parse(direct.stdout)).toContainEqual(
        expect.objectContaining({ id: created.id, revokedAt: expect.any(String) }),
      );
    },
  );
});
