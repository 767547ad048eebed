import { Type, type Static } from 'typebox';
import { Month, Nullable } from '../../platform/http/schemas.ts';
import { Patterned } from '../../platform/http/validation.ts';

/** Schemas of the DRM read API (French query parameters, as the issue names them). */

const Coded = (description: string) =>
  Type.Object(
    {
      code: Type.String(),
      libelle: Type.String({ description: 'Libellé du code, en français.' }),
    },
    { description },
  );

const Amount = (description: string) =>
  Nullable(
    Type.String({
      pattern: '^-?[0-9]+\\.[0-9]+$',
      description: `${description} Décimal exact en texte (jamais un nombre flottant) ; null s’il n’est pas déclaré.`,
    }),
  );

const Amounts = Type.Object(
  {
    netTaxable: Amount('Rémunération nette fiscale (S21.G00.50.002).'),
    netPaid: Amount('Montant net versé (S21.G00.50.004).'),
    netSocial: Amount('Montant net social : S21.G00.58.004 des blocs de type 03 (S21.G00.58.003).'),
    gross: Amount('Brut : somme de S21.G00.51.013 des rémunérations de type 001 (S21.G00.51.011).'),
    pasWithheld: Amount('Montant du prélèvement à la source (S21.G00.50.009).'),
  },
  { description: 'Montants en euros.' },
);

const Line = Type.Object({
  paymentDate: Type.String({ format: 'date', description: 'Date de versement (S21.G00.50.001).' }),
  payer: Type.Object({ siret: Type.String({ description: 'SIRET de l’établissement payeur.' }) }),
  source: Coded('Source : DSN (salaires) ou PASRAU (revenus de remplacement et autres revenus).'),
  kind: Coded('Nature du revenu.'),
  incomeClass: Type.Union([Coded('Classe de revenu déclarée (S21.G00.50.014).'), Type.Null()], {
    description: 'Classe de revenu d’un versement PASRAU (S21.G00.50.014) ; null pour une DSN.',
  }),
  amounts: Amounts,
  provenance: Type.Object(
    {
      declarationId: Type.String({ format: 'uuid' }),
      depositId: Type.String({ format: 'uuid', description: 'Octets reçus : /v1/depots/{id}/fichier.' }),
      paymentLine: Type.Integer({ description: 'Ligne de S21.G00.50.001 dans le fichier déposé.' }),
      individualLine: Type.Integer({ description: 'Ligne de S21.G00.30.001 dans le fichier déposé.' }),
      knownFrom: Type.String({ format: 'date-time', description: 'Connue de Relais depuis cet instant.' }),
    },
    { description: 'D’où vient la ligne.' },
  ),
});

const MonthStatus = Coded('DECLARE : des ressources sont connues ; ABSENT : aucune ressource connue.');

export const ResourcesAnswer = Type.Object({
  nir: Type.String({ description: 'NIR à 15 caractères.' }),
  asOf: Type.String({ format: 'date-time', description: 'Date de connaissance de la réponse.' }),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'AAAA-MM : mois de la date de versement.' }),
      status: MonthStatus,
      totals: Amounts,
      lines: Type.Array(Line),
    }),
    { description: 'Chaque mois de la période, tous payeurs et sources confondus.' },
  ),
  missingMonths: Type.Array(Type.String(), { description: 'Mois de la période sans aucune donnée connue.' }),
});

export const WindowsAnswer = Type.Object({
  nir: Type.String(),
  asOf: Type.String({ format: 'date-time' }),
  referenceMonth: Type.String({ description: 'Mois M à partir duquel les fenêtres sont comptées.' }),
  windows: Type.Array(
    Type.Object({
      code: Type.String({ description: 'M2_M4 ou M1_M3.' }),
      libelle: Type.String(),
      from: Type.String(),
      to: Type.String(),
      netSocial: Amount('Montant net social de la fenêtre (mois connus).'),
      months: Type.Array(
        Type.Object({
          month: Type.String(),
          status: MonthStatus,
          netSocial: Amount('Montant net social du mois.'),
        }),
      ),
      missingMonths: Type.Array(Type.String(), {
        description: 'Mois de la fenêtre sans montant net social connu.',
      }),
    }),
  ),
});

export const NirParams = Type.Object({
  nir: Type.String({
    description: 'NIR à 15 caractères, clé comprise (2A ou 2B pour une naissance en Corse).',
    examples: ['179127226906634'],
  }),
});

const identityQuery = {
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
};

export const ResourcesQuery = Type.Object({
  du: Month({ description: 'Premier mois, AAAA-MM.' }),
  au: Month({ description: 'Dernier mois, AAAA-MM (36 mois au plus).' }),
  ...identityQuery,
});
export type ResourcesQuery = Static<typeof ResourcesQuery>;

export const WindowsQuery = Type.Object({
  mois: Type.Optional(Month({ description: 'Mois M, AAAA-MM (par défaut : le mois de asOf).' })),
  ...identityQuery,
});
export type WindowsQuery = Static<typeof WindowsQuery>;
