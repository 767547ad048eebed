import type { BodyCaller, OperatorCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { isValidSiret } from '../../core/identifiers/check-digits.ts';
import { addMonths, monthOf } from '../drm/months.ts';

/**
 * What a read states about itself besides the person: who uses the data (`destinataire`), why
 * (`finalite`) and in which case (`dossier`, per person). A read that does not state it, or states
 * one its credential does not cover, is refused before anything is read.
 */
export interface ReadContext {
  /** SIRET of the body that uses the data; the operator may read for no body (null). */
  recipient: string | null;
  purpose: string;
  /** The request's id, kept in the trace to follow a read across systems. */
  requestId: string;
}

/** 1 to 64 printable ASCII characters, the first not a space. */
const caseReference = /^[\x21-\x7e][\x20-\x7e]{0,63}$/;

const siren = (siret: string) => siret.slice(0, 9);

/**
 * The context checked against the caller. A body's recipient must be one of its establishments:
 * the same SIREN as the habilitation's holder. The habilitation is granted to a legal person
 * (the SIREN, which is the data controller), and its local sites (a CAF's branches) use the data
 * under it; a SIRET of another SIREN is another controller, which needs its own habilitation.
 * The purpose must be the habilitation's: a credential serves one purpose.
 */
export function checkReadContext(caller: BodyCaller | OperatorCaller, context: ReadContext): ReadContext {
  if (context.recipient !== null && !isValidSiret(context.recipient)) {
    throw new AppError(
      'EXCHANGE_RECIPIENT',
      'destinataire doit être un SIRET valide (14 chiffres, clé de contrôle juste) : celui de l’établissement qui utilise les données.',
      { pointer: '/destinataire' },
    );
  }
  if (caller.kind === 'operator') return context;
  if (context.recipient === null) {
    throw new AppError(
      'EXCHANGE_RECIPIENT',
      'destinataire est obligatoire : le SIRET de l’établissement qui utilise les données.',
      { pointer: '/destinataire' },
    );
  }
  if (siren(context.recipient) !== siren(caller.bodySiret)) {
    throw new AppError(
      'EXCHANGE_RECIPIENT',
      `Le destinataire ${context.recipient} n’est pas un établissement de l’organisme habilité (SIREN ${siren(caller.bodySiret)}).`,
      { pointer: '/destinataire' },
    );
  }
  if (context.purpose !== caller.purpose) {
    throw new AppError(
      'EXCHANGE_PURPOSE',
      `Cette habilitation sert la finalité ${caller.purpose} seulement : une autre finalité demande sa propre habilitation.`,
      { pointer: '/finalite' },
    );
  }
  return context;
}

/** A case reference, or the refusal saying what it must be. */
export function checkCaseReference(text: string, pointer = '/dossier'): string {
  if (!caseReference.test(text)) {
    throw new AppError(
      'EXCHANGE_CASE',
      'dossier doit être la référence du dossier traité : de 1 à 64 caractères imprimables (ASCII), sans espace au début.',
      { pointer },
    );
  }
  return text;
}

/**
 * Refuses months before the habilitation's depth, counted back from the current month (in Paris,
 * the current one included). A period reaching before it is refused whole rather than cut: an
 * answer silently missing its first months would read as months without income, which is how a
 * benefit gets miscalculated; the refusal names the first month that may be read.
 */
export function checkDepth(
  caller: BodyCaller | OperatorCaller,
  firstMonth: string,
  now: Date,
  pointer: string,
): void {
  if (caller.kind !== 'body') return;
  const earliest = addMonths(monthOf(now), -(caller.depthMonths - 1));
  if (firstMonth < earliest) {
    throw new AppError(
      'EXCHANGE_DEPTH',
      `Cette habilitation permet de lire ${caller.depthMonths} mois en arrière : pas avant ${earliest} (demandé : ${firstMonth}).`,
      { pointer },
    );
  }
}
