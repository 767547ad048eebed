import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, normalise } from '../../test/readme-replay.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'relais.js');

/**
 * The newcomer's order: `npm start` on the embedded database, then the CLI beside it. The server
 * holds the data directory's lock; the CLI finds it in `data/server.json` and goes through its
 * operator API instead of failing.
 */
/** `relais serve` on `env`'s data directory, once it says it is ready, and its address. */
async function startServer(
  cwd: string,
  env: NodeJS.ProcessEnv,
  ...options: string[]
): Promise<{ child: ChildProcess; url: string; progress: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', ...options, '--port', '0'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  return { child, url, progress: () => progress };
}

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
      const started = await startServer(dir, env, '--demo');
      const { child, url } = started;
      server = child;
      const progress = started.progress();

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

/**
 * `relais ingest` while the server holds the embedded database: through its operator API, with
 * what it prints on the database itself; back on the database when the server it names is gone.
 */
describe('relais ingest beside a server on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-shared-ingest-'));
  const data = join(dir, 'data');
  const env = { ...process.env, RELAIS_DATA_DIR: data, LOG_LEVEL: 'info', DATABASE_URL: '' };
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const relais = (args: string[], environment = env) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      env: environment,
      encoding: 'utf8',
      timeout: 120_000,
    });
  const throughServer = (url: string) =>
    `Le serveur Relais en marche (${url}) tient la base embarquée : la commande passe par son API.`;

  it(
    'deposits through the server as on the database, says why a file is rejected, and goes local once the server is killed',
    { timeout: 400_000 },
    async () => {
      for (const month of ['03', '04'])
        expect(
          relais([
            'generate',
            '--month',
            `2026-${month}`,
            '--establishments',
            '1',
            '--employees',
            '3',
            '--siren',
            '552100554',
            '--out',
            `${month}.dsn`,
          ]).status,
        ).toBe(0);
      // What the same deposit prints on a database of its own, with no server.
      const alone = relais(['ingest', '03.dsn'], { ...env, RELAIS_DATA_DIR: join(dir, 'alone') });
      expect(alone.stdout).toMatch(/^✔ 03\.dsn — accepté — 3 individus/);

      const started = await startServer(dir, env);
      server = started.child;
      const { url } = started;

      const deposited = relais(['ingest', '03.dsn']);
      expect(deposited.stderr).toContain(throughServer(url));
      expect([deposited.status, normalise(deposited.stdout)]).toEqual([
        alone.status,
        normalise(alone.stdout),
      ]);

      // Under a declarant whose perimeter is another company's: rejected, with the reason.
      const added = relais([
        'declarants',
        'add',
        '--name',
        'Autre',
        '--scope',
        '732829320',
        '--format',
        'json',
      ]);
      const foreign = (JSON.parse(added.stdout) as { id: string }).id;
      const rejected = relais(['ingest', '04.dsn', '--declarant', foreign]);
      expect(rejected.status).toBe(1);
      expect(rejected.stdout).toMatch(/^✘ 04\.dsn — rejeté — /);
      expect(rejected.stdout).toContain("motif : RELAIS-DEPOSIT-OUT-OF-SCOPE — L'établissement 552100554");
      const unknown = relais(['ingest', '04.dsn', '--declarant', '42']);
      expect([unknown.status, unknown.stderr.trim().split('\n').at(-1)]).toEqual([
        2,
        "relais : « 42 » n'est pas un identifiant de déclarant (voir la liste des déclarants).",
      ]);

      // Killed, the server leaves its server.json and lock behind: the CLI opens the database.
      server.kill('SIGKILL');
      await new Promise((resolve) => server!.on('exit', resolve));
      server = undefined;
      expect(existsSync(join(data, 'server.json'))).toBe(true);
      const local = relais(['ingest', '04.dsn']);
      expect(local.stderr).not.toContain('passe par son API');
      expect([local.status, local.stdout]).toEqual([0, expect.stringMatching(/^✔ 04\.dsn — accepté — /)]);
    },
  );

  it('says what to do when the server named does not answer and its process holds the database', async () => {
    // This test's process, alive, stands for a server that hangs: it holds the lock, no port answers.
    const url = `http://127.0.0.1:${await freePort()}`;
    const database = join(data, 'pglite');
    const operatorTokenFile = join(data, 'operator-token.txt');
    mkdirSync(data, { recursive: true });
    // Never read: the server is called before the file is.
    writeFileSync(join(dir, 'essai.dsn'), "S10.G00.00.001,'Essai'\n");
    writeFileSync(operatorTokenFile, 'operateur-de-test-0123456789-abcdefghij\n');
    writeFileSync(join(data, 'server.json'), JSON.stringify({ url, pid: process.pid, operatorTokenFile }));
    writeFileSync(`${database}.lock`, String(process.pid));
    try {
      const run = relais(['ingest', 'essai.dsn']);
      expect(run.stderr).toContain(throughServer(url));
      expect([run.status, run.stderr.trim().split('\n').at(-1)]).toEqual([
        2,
        `relais : Le serveur ${url} inscrit dans ${join(data, 'server.json')} ne répond pas, et le processus ` +
          `${process.pid} tient toujours la base embarquée ${database} : si c’est ce serveur, attendez qu’il réponde ` +
          'ou arrêtez-le, puis relancez la commande.',
      ]);
    } finally {
      rmSync(`${database}.lock`, { force: true });
      rmSync(join(data, 'server.json'), { force: true });
    }
  });
});
