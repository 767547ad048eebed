import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

/**
 * The operator credential guarding the DRM read API until the exchange framework (bodies,
 * purposes, habilitations) replaces it: one bearer secret from the configuration.
 */

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares digests so that the time taken says nothing about the secret. */
export function operatorCheck(expected: string | null): (request: FastifyRequest) => void {
  const wanted = expected === null ? null : digest(expected);
  return (request) => {
    if (wanted === null) {
      throw new AppError(
        'DRM_DISABLED',
        'La lecture des ressources n’est pas ouverte sur ce serveur : définissez RELAIS_OPERATOR_TOKEN.',
      );
    }
    const given = request.headers.authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!given) {
      throw new AppError('AUTH_MISSING', 'En-tête Authorization: Bearer <jeton opérateur> attendu.', {
        header: 'authorization',
      });
    }
    if (!timingSafeEqual(digest(given), wanted)) {
      throw new AppError('AUTH_INVALID', 'Ce jeton n’est pas le jeton opérateur de ce serveur.', {
        header: 'authorization',
      });
    }
    request.log = request.log.child({ caller: 'operator' });
  };
}

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
