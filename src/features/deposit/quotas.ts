import { AppError } from '../../platform/errors.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { bytesDepositedSince } from './deposits-repository.ts';

const day = 24 * 60 * 60 * 1000;

/**
 * Refuses a declarant's deposit that would take it past `bytesPerDay` over the last 24 hours
 * (`incoming`: the bytes about to be added, 0 before any is read). Every deposit counts, refused
 * ones included: junk costs disk as much as a declaration.
 */
export async function checkDailyQuota(
  ex: Executor,
  declarantId: string,
  bytesPerDay: number,
  incoming: number,
  now: Date,
): Promise<void> {
  if (bytesPerDay <= 0) return;
  const used = await bytesDepositedSince(ex, declarantId, new Date(now.getTime() - day));
  if (used + incoming <= bytesPerDay && (incoming > 0 || used < bytesPerDay)) return;
  const fr = (n: number) => n.toLocaleString('fr-FR');
  throw new AppError(
    'DEPOSIT_QUOTA',
    `Quota de dépôt atteint pour ce déclarant : ${fr(used)} octets déposés ces dernières 24 heures` +
      `${incoming > 0 ? `, ${fr(incoming)} de plus dans ce fichier` : ''}, pour ${fr(bytesPerDay)} permis ` +
      '(RELAIS_DEPOSIT_DAILY_QUOTA). Rien n’a été enregistré ; réessayez plus tard ou voyez avec l’opérateur.',
    { pointer: '/body' },
  );
}
