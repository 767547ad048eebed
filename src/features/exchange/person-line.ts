import { isAppError } from '../../platform/errors.ts';
import type { StatedIdentity } from '../drm/names.ts';
import type { NdjsonLine } from './ndjson-body.ts';
import { checkCaseReference } from './read-context.ts';

/**
 * One person in a bulk read or a follow list: `{nir, nom, prenoms, dateNaissance, dossier}`, the
 * identity a unit read states and the body's case reference. Each line is checked alone: a line
 * that is not one is refused with its number, the others go on.
 */

export interface PersonLine {
  line: number;
  /** As given (15 characters with the key): its checks are the read's. */
  nir: string;
  identity: StatedIdentity;
  dossier: string;
}

export interface LineRefusal {
  line: number;
  /** The case reference when the line gave a usable one, so the body can file the refusal. */
  dossier: string | null;
  error: { code: string; detail: string };
}

const keys = ['nir', 'nom', 'prenoms', 'dateNaissance', 'dossier'] as const;
/** Lengths of the identity's texts, as the unit read bounds them; `dossier` is the read's rule. */
const bounds = {
  nir: [1, 32],
  nom: [1, 80],
  prenoms: [1, 120],
  dateNaissance: [10, 10],
} as const;
/** No control character, no line break. */
const printable = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u;
const birthDate = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function refused(line: number, dossier: string | null, detail: string): LineRefusal {
  return { line, dossier, error: { code: 'EXCHANGE_LINE_INVALID', detail } };
}

/** The case reference checked as a read checks it, or its refusal (`EXCHANGE_CASE`). */
function caseReference(line: number, value: unknown): string | LineRefusal {
  if (typeof value !== 'string')
    return refused(line, null, 'Le champ dossier est absent ou n’est pas un texte.');
  try {
    return checkCaseReference(value);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { line, dossier: null, error: { code: error.code, detail: error.detail } };
  }
}

export function parsePersonLine({ line, text }: NdjsonLine): PersonLine | LineRefusal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused(line, null, 'La ligne n’est pas un JSON valide.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refused(line, null, `La ligne doit être un objet JSON { ${keys.join(', ')} }.`);
  const fields = value as Record<string, unknown>;
  const dossier = caseReference(line, fields['dossier']);
  if (typeof dossier !== 'string') return dossier;
  const unknown = Object.keys(fields).filter((k) => !(keys as readonly string[]).includes(k));
  if (unknown.length > 0)
    return refused(
      line,
      dossier,
      `Champ inconnu : ${unknown.slice(0, 3).join(', ')} ; attendus : ${keys.join(', ')}.`,
    );
  for (const [key, [min, max]] of Object.entries(bounds)) {
    const field = fields[key];
    if (typeof field !== 'string')
      return refused(line, dossier, `Le champ ${key} est absent ou n’est pas un texte.`);
    if (field.length < min || field.length > max || !printable.test(field))
      return refused(
        line,
        dossier,
        `Le champ ${key} doit compter de ${min} à ${max} caractères imprimables.`,
      );
  }
  const date = fields['dateNaissance'] as string;
  if (!birthDate.test(date))
    return refused(
      line,
      dossier,
      'dateNaissance doit être une date AAAA-MM-JJ (00 pour un jour ou un mois inconnus).',
    );
  return {
    line,
    nir: fields['nir'] as string,
    identity: { lastName: fields['nom'] as string, firstNames: fields['prenoms'] as string, birthDate: date },
    dossier,
  };
}

export function isRefusal(parsed: PersonLine | LineRefusal): parsed is LineRefusal {
  return 'error' in parsed;
}
