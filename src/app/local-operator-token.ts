import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The operator token of `<data>/operator-token.txt`, created at the first start, for a server on
 * the embedded database (and every demo) with no RELAIS_OPERATOR_TOKEN: the newcomer reads
 * resources with `-H "Authorization: Bearer $(cat data/operator-token.txt)"`, and the CLI reaches
 * the running server's operator API with it while the server holds the database. Whoever can read
 * the data directory can read the database files beside it: the token gives them nothing more.
 */
export async function localOperatorToken(dataDir: string): Promise<{ token: string; file: string }> {
  const file = join(dataDir, 'operator-token.txt');
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (/^[\x21-\x7e]{32,256}$/.test(existing)) return { token: existing, file };
  const token = `relais_op_${randomBytes(32).toString('base64url')}`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { token, file };
}
