import { Type, type Static } from 'typebox';
import { Month } from '../../platform/http/schemas.ts';
import { Patterned } from '../../platform/http/validation.ts';

/**
 * Bodies of the purpose-bound reads. The context (`destinataire`, `finalite`, `dossier`) is
 * optional here and checked by the service, so that a missing one is refused with its own code
 * (EXCHANGE_RECIPIENT, EXCHANGE_PURPOSE, EXCHANGE_CASE) rather than as a malformed request.
 * Lengths are bounded so that no field carries more than a read needs.
 */
const person = {
  nir: Type.String({
    maxLength: 32,
    description: 'NIR à 15 caractères, clé comprise (2A ou 2B pour une naissance en Corse).',
    examples: ['179127226906662'],
  }),
  nom: Type.String({ minLength: 1, maxLength: 80, description: 'Nom de naissance ou nom d’usage.' }),
  prenoms: Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'Tous les prénoms déclarés, ou le premier.',
  }),
  dateNaissance: Patterned(
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
    'une date de naissance AAAA-MM-JJ (00 pour un jour ou un mois inconnus)',
    { description: 'AAAA-MM-JJ ; 00 pour un jour ou un mois inconnus, comme déclaré.' },
  ),
  asOf: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'Date de connaissance : la réponse est ce que Relais savait alors (par défaut : maintenant).',
    }),
  ),
  destinataire: Type.Optional(
    Type.String({
      maxLength: 32,
      description:
        'SIRET de l’établissement qui utilise les données : un établissement de l’organisme habilité (même SIREN). ' +
        'Facultatif pour l’opérateur.',
    }),
  ),
  finalite: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'Code de la finalité : celle de l’habilitation du jeton (RSA_PPA…).',
    }),
  ),
  dossier: Type.Optional(
    Type.String({
      maxLength: 256,
      description:
        'Référence du dossier traité : de 1 à 64 caractères imprimables. Conservée dans la trace des accès.',
    }),
  ),
};

export const ResourcesRead = Type.Object(
  {
    ...person,
    du: Month({ description: 'Premier mois, AAAA-MM (dans la profondeur de l’habilitation).' }),
    au: Month({ description: 'Dernier mois, AAAA-MM (36 mois au plus).' }),
  },
  { additionalProperties: false },
);
export type ResourcesRead = Static<typeof ResourcesRead>;

export const WindowsRead = Type.Object(
  {
    ...person,
    mois: Type.Optional(Month({ description: 'Mois M, AAAA-MM (par défaut : le mois de asOf).' })),
  },
  { additionalProperties: false },
);
export type WindowsRead = Static<typeof WindowsRead>;

/** The answer is the DRM's, cut down to the habilitation's fields: its shape varies with them. */
export const MinimisedAnswer = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'La réponse de la DRM (voir les routes de l’opérateur), réduite aux champs de l’habilitation : ' +
      'les champs non accordés sont absents (jamais null).',
  },
);
