import { Type, type TString, type TStringOptions } from 'typebox';
import type { ErrorSource } from '../errors.ts';

/**
 * Validation failures of a request, in French. Fastify checks parameters with ajv, whose messages
 * are English (`querystring/month must match pattern "^[0-9]{4}-…$"`) and name a regular
 * expression where a person needs to read what is expected: each failure is rewritten here from
 * its keyword and parameters, never from ajv's message.
 */

/** What each pattern of a request schema means, registered by {@link Patterned}. */
const patternMeanings = new Map<string, string>();

/**
 * A string checked by a pattern, with what the pattern means in French (« un mois AAAA-MM »): the
 * validation error says that instead of the regular expression. A pattern is registered once,
 * whatever the schema it appears in.
 */
export function Patterned(pattern: string, meaning: string, options: TStringOptions = {}): TString {
  const known = patternMeanings.get(pattern);
  if (known !== undefined && known !== meaning)
    throw new Error(`Pattern ${pattern} already means « ${known} », not « ${meaning} ».`);
  patternMeanings.set(pattern, meaning);
  return Type.String({ ...options, pattern });
}

/** The formats request schemas use, as a person reads them. */
const formatMeanings: Record<string, string> = {
  uuid: 'un identifiant UUID (par exemple 0b6f1d2e-4c3a-4e8b-9a51-2f7c8d9e0a1b)',
  date: 'une date AAAA-MM-JJ',
  'date-time': 'une date et heure ISO 8601 (par exemple 2026-03-01T12:00:00Z)',
  email: 'une adresse électronique',
  uri: 'une adresse URL',
};

const typeMeanings: Record<string, string> = {
  integer: 'un nombre entier',
  number: 'un nombre',
  string: 'un texte',
  boolean: 'true ou false',
  object: 'un objet JSON',
  array: 'une liste',
  null: 'null',
};

/** The part of ajv's error object read here (`ErrorObject` of ajv, which Fastify does not export). */
export interface ValidationFailure {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

export type ValidationContext = 'body' | 'params' | 'querystring' | 'headers' | string;

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const quoted = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** What the value should have been, for a keyword whose failure is about the value itself. */
function expectation(failure: ValidationFailure, alternatives: readonly unknown[]): string {
  const { keyword, params } = failure;
  switch (keyword) {
    case 'pattern':
      return patternMeanings.get(String(params['pattern'])) ?? 'de la forme décrite dans /docs';
    case 'format':
      return formatMeanings[String(params['format'])] ?? `au format ${String(params['format'])}`;
    case 'type': {
      const types = String(params['type']).split(',');
      return types.map((t) => typeMeanings[t] ?? t).join(' ou ');
    }
    case 'minimum':
      return `un nombre supérieur ou égal à ${String(params['limit'])}`;
    case 'maximum':
      return `un nombre inférieur ou égal à ${String(params['limit'])}`;
    case 'exclusiveMinimum':
      return `un nombre supérieur à ${String(params['limit'])}`;
    case 'exclusiveMaximum':
      return `un nombre inférieur à ${String(params['limit'])}`;
    case 'minLength': {
      const limit = Number(params['limit']);
      return limit === 1
        ? 'un texte non vide'
        : `un texte d’au moins ${plural(limit, 'caractère', 'caractères')}`;
    }
    case 'maxLength':
      return `un texte d’au plus ${plural(Number(params['limit']), 'caractère', 'caractères')}`;
    case 'const':
    case 'enum':
    case 'anyOf':
    case 'oneOf':
      return alternatives.length > 0
        ? `${alternatives.length > 1 ? 'l’une des valeurs' : 'la valeur'} ${alternatives.map(quoted).join(', ')}`
        : 'l’une des valeurs décrites dans /docs';
    default:
      return 'conforme à la description de /docs';
  }
}

/** Who the field is, in French: a parameter of the address, a header, or a field of the body. */
function named(where: ValidationContext, field: string): string {
  if (where === 'headers') return `L’en-tête ${field}`;
  if (where === 'body') return field ? `Le champ ${field} du corps de la requête` : 'Le corps de la requête';
  return `Le paramètre ${field}`;
}

/**
 * The French detail and the JSON:API source of a failed validation. ajv stops at the first failure
 * (`allErrors: false`); for a union (`format=xml` against `json | html`) it reports each branch's
 * failure, then the union's: the allowed values are gathered from the branches.
 */
export function validationProblem(
  failures: readonly ValidationFailure[],
  where: ValidationContext,
): { detail: string; source: ErrorSource } {
  const union = failures.find((f) => f.keyword === 'anyOf' || f.keyword === 'oneOf');
  const first = union ?? failures[0];
  if (first === undefined)
    return {
      detail: 'La requête ne respecte pas le schéma décrit dans /docs.',
      source: { pointer: `/${where}` },
    };
  const missing = first.keyword === 'required' ? String(first.params['missingProperty']) : undefined;
  const path = missing === undefined ? first.instancePath : `${first.instancePath}/${missing}`;
  const field = path.replace(/^\//, '');
  const source: ErrorSource =
    where === 'body'
      ? { pointer: `/body${path}` }
      : where === 'headers'
        ? { header: field }
        : { parameter: field || where };
  const subject = named(where, where === 'body' ? path : field);
  if (missing !== undefined) return { detail: `${subject} est obligatoire.`, source };
  const alternatives = failures
    .filter((f) => f.instancePath === first.instancePath)
    .flatMap((f) =>
      f.keyword === 'const'
        ? [f.params['allowedValue']]
        : f.keyword === 'enum'
          ? ((f.params['allowedValues'] as unknown[] | undefined) ?? [])
          : [],
    );
  if (first.keyword === 'additionalProperties')
    return {
      detail: `${subject} contient un champ inconnu : ${String(first.params['additionalProperty'])}.`,
      source,
    };
  return { detail: `${subject} doit être ${expectation(first, alternatives)}.`, source };
}
