import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Demo mode: the operator token of `<data>/operator-token.txt`, created at the first start, so
 * the newcomer reads resources with `-H "Authorization: Bearer $(cat data/operator-token.txt)"`.
 */
export async function demoOperatorToken(dataDir: string): Promise<{ token: string; file: string }> {
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
