import { AppError } from '../../platform/errors.ts';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { addMonths, monthOf } from '../drm/months.ts';

/**
 * What a receiving body may ask of the bulk reads and the change feed: pure functions of its
 * caller (one habilitation), checked before anything is read or stored.
 */

/** The context every exchange request states: for whom the data is, and why. */
export interface StatedContext {
  /** SIRET of the body that uses the data: the habilitation's body. */
  destinataire: string;
  /** Purpose code: the habilitation's. */
  finalite: string;
}

export function checkStatedContext(caller: BodyCaller, context: StatedContext): void {
  if (context.destinataire !== caller.bodySiret) {
    throw new AppError(
      'EXCHANGE_RECIPIENT',
      'Le destinataire doit être le SIRET de l’organisme titulaire de l’habilitation de ce jeton.',
      { parameter: 'destinataire' },
    );
  }
  if (context.finalite !== caller.purpose) {
    throw new AppError(
      'EXCHANGE_PURPOSE',
      `Ce jeton est délivré pour la finalité ${caller.purpose} : une autre finalité demande sa propre habilitation.`,
      { parameter: 'finalite' },
    );
  }
}

/** The first month (`AAAA-MM`) the habilitation may read, counted back from the month of `now`. */
export function earliestMonth(caller: BodyCaller, now: Date): string {
  return addMonths(monthOf(now), -(caller.depthMonths - 1));
}
