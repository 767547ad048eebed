import { Type, type Static, type TSchema, type TStringOptions } from 'typebox';
import { Patterned } from './validation.ts';

/**
 * Route schemas every feature answers with: the error body (one shape for every error, see
 * `error-handler.ts`) and the resource id in the path.
 */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    errors: Type.Array(
      Type.Object({
        status: Type.String({ description: 'Statut HTTP, en texte.' }),
        code: Type.String({ description: 'Code stable (AUTH_MISSING, DEPOSIT_NOT_FOUND…).' }),
        title: Type.String({ description: 'Intitulé du code, en français.' }),
        detail: Type.String({ description: 'Ce qui s’est passé et quoi faire, en français.' }),
        source: Type.Optional(
          Type.Object({
            pointer: Type.Optional(Type.String()),
            parameter: Type.Optional(Type.String()),
            header: Type.Optional(Type.String()),
          }),
        ),
      }),
    ),
  },
  { description: 'Erreur : toujours une liste d’erreurs.' },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant.' }) });
export type IdParams = Static<typeof IdParams>;

/** A calendar month in a request, `AAAA-MM`. */
export const Month = (options: TStringOptions = {}) =>
  Patterned('^[0-9]{4}-(0[1-9]|1[0-2])$', 'un mois AAAA-MM', options);

export const Siret = Patterned('^[0-9]{14}$', 'un SIRET de 14 chiffres');
