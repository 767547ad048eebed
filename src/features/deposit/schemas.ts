import { Type } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';

/**
 * Route schemas: they validate requests, serialise responses (unknown properties are dropped, so
 * every field must be listed) and generate the OpenAPI document.
 */

const Diagnostic = Type.Object({
  code: Type.String({ description: 'Identifiant officiel du contrôle ou code Relais.' }),
  severity: Type.Union([Type.Literal('blocking'), Type.Literal('non-blocking')]),
  line: Type.Optional(Type.Integer()),
  rubric: Type.Optional(Type.String()),
  block: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  message: Type.String(),
  hint: Type.Optional(Type.String()),
  declaration: Type.Optional(Type.Integer({ description: 'Rang de la déclaration (S20) dans le fichier.' })),
  individual: Type.Optional(
    Type.Object(
      {
        line: Type.Integer({ description: 'Ligne où commence le bloc Individu (S21.G00.30.001).' }),
        nir: Type.Optional(
          Type.String({ description: 'NIR masqué : seuls ses 4 derniers caractères sont affichés.' }),
        ),
        name: Type.Optional(
          Type.String({ description: 'Nom de famille et prénoms (S21.G00.30.002, .004).' }),
        ),
        number: Type.Optional(Type.String({ description: 'Matricule (S21.G00.30.019).' })),
      },
      { description: "L'individu que l'anomalie concerne." },
    ),
  ),
  siret: Type.Optional(Type.String({ description: "SIRET de l'établissement de la déclaration." })),
  controlPage: Type.Optional(
    Type.String({ description: 'Page du contrôle officiel dans le référentiel (/referentiel/#…).' }),
  ),
});

export const Report = Type.Object(
  {
    norm: Nullable(Type.String()),
    envois: Type.Integer(),
    declarations: Type.Integer(),
    individuals: Type.Integer(),
    lines: Type.Integer(),
    bytes: Type.Integer(),
    diagnostics: Type.Array(Diagnostic),
    groups: Type.Array(
      Type.Object({
        code: Type.String(),
        severity: Type.Union([Type.Literal('blocking'), Type.Literal('non-blocking')]),
        count: Type.Integer(),
        message: Type.String(),
      }),
    ),
    summary: Type.Object({
      blocking: Type.Integer(),
      nonBlocking: Type.Integer(),
      notListed: Type.Integer(),
    }),
    notes: Type.Array(Type.String()),
  },
  { description: 'Rapport de conformité : le même que « relais check --format json ».' },
);

const DeclarationStatus = Type.Union(
  [Type.Literal('conform'), Type.Literal('rejected'), Type.Literal('superseded'), Type.Literal('cancelled')],
  {
    description:
      'conform : intégrée et en vigueur ; superseded : remplacée ; cancelled : annulée ; rejected : refusée.',
  },
);

export const Declaration = Type.Object({
  id: Type.String({ format: 'uuid' }),
  depositId: Type.String({ format: 'uuid' }),
  position: Type.Integer({ description: 'Rang du bloc S20 dans le fichier déposé.' }),
  siret: Nullable(Type.String()),
  nature: Nullable(Type.String({ description: 'S20.G00.05.001' })),
  natureLabel: Nullable(Type.String({ description: 'DSN mensuelle, signalement d’arrêt de travail…' })),
  type: Nullable(Type.String({ description: 'S20.G00.05.002' })),
  typeLabel: Nullable(Type.String()),
  fraction: Nullable(Type.String({ description: 'S20.G00.05.003' })),
  orderNumber: Nullable(Type.String({ description: 'S20.G00.05.004' })),
  month: Nullable(Type.String({ description: 'Mois principal déclaré, AAAA-MM.' })),
  identifier: Nullable(
    Type.String({
      description: 'S20.G00.05.007 suivi de S20.G00.05.004 : à citer en S20.G00.05.006 pour la remplacer.',
    }),
  ),
  replaces: Nullable(Type.String({ description: 'S20.G00.05.006 tel que déclaré.' })),
  replacesId: Nullable(Type.String({ format: 'uuid' })),
  replacedById: Nullable(Type.String({ format: 'uuid' })),
  status: DeclarationStatus,
  statusLabel: Type.String(),
  individuals: Type.Integer(),
  blocking: Type.Integer(),
  deadline: Nullable(Type.String({ format: 'date-time', description: 'Échéance de dépôt (mensuelles).' })),
  late: Nullable(Type.Boolean()),
  headcount: Nullable(Type.Integer()),
  headcountSource: Nullable(Type.String()),
  norm: Nullable(Type.String()),
  lines: Type.Object({ first: Nullable(Type.Integer()), last: Nullable(Type.Integer()) }),
  receivedAt: Type.String({ format: 'date-time' }),
  knownFrom: Type.String({ format: 'date-time' }),
  knownTo: Nullable(Type.String({ format: 'date-time' })),
});

const DepositStatus = Type.Union([
  Type.Literal('accepted'),
  Type.Literal('partially_accepted'),
  Type.Literal('rejected'),
]);

const depositFields = {
  acknowledgement: Type.Object(
    {
      depositId: Type.String({ format: 'uuid' }),
      sha256: Type.String({ description: 'Empreinte SHA-256 des octets reçus, conservés tels quels.' }),
      receivedAt: Type.String({ format: 'date-time' }),
      size: Type.Integer(),
      fileName: Nullable(Type.String()),
    },
    { description: 'Accusé de réception.' },
  ),
  status: DepositStatus,
  statusLabel: Type.String(),
  declarantId: Nullable(Type.String({ format: 'uuid' })),
  decidedAt: Type.String({ format: 'date-time' }),
  summary: Type.Object({
    declarations: Type.Integer(),
    individuals: Type.Integer(),
    blocking: Type.Integer(),
    nonBlocking: Type.Integer(),
    norm: Nullable(Type.String()),
  }),
  declarations: Type.Array(Declaration),
};

export const Deposit = Type.Object(depositFields);

export const DepositOutcome = Type.Object({
  ...depositFields,
  duplicate: Type.Boolean({
    description: 'Vrai quand ces octets avaient déjà été déposés : c’est le dépôt d’origine.',
  }),
  report: Report,
});

export const DepositList = Type.Object({
  deposits: Type.Array(
    Type.Object({
      depositId: Type.String({ format: 'uuid' }),
      sha256: Type.String(),
      receivedAt: Type.String({ format: 'date-time' }),
      fileName: Nullable(Type.String()),
      size: Type.Integer(),
      status: DepositStatus,
      declarations: Type.Integer(),
      individuals: Type.Integer(),
      blocking: Type.Integer(),
    }),
  ),
});

export const DeclarationList = Type.Object({ declarations: Type.Array(Declaration) });

const Cells = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]));

export const DeclarationDetail = Type.Object({
  declaration: Declaration,
  company: Nullable(Cells),
  establishment: Nullable(Cells),
  rows: Type.Record(Type.String(), Type.Integer(), {
    description: 'Nombre de lignes enregistrées par table.',
  }),
});

export const IndividualsPage = Type.Object({
  individuals: Type.Array(
    Type.Object({
      line: Type.Integer(),
      nir: Nullable(Type.String()),
      ntt: Nullable(Type.String()),
      lastName: Nullable(Type.String()),
      usageName: Nullable(Type.String()),
      firstNames: Nullable(Type.String()),
      birthDate: Nullable(Type.String()),
      contracts: Type.Array(Cells),
      payments: Type.Array(
        Type.Object({
          payment: Cells,
          remunerations: Type.Array(Cells),
          bonuses: Type.Array(Cells),
          otherIncomes: Type.Array(Cells),
          netIncomes: Type.Array(Cells),
          bases: Type.Array(Type.Object({ base: Cells, contributions: Type.Array(Cells) })),
        }),
      ),
      workStoppages: Type.Array(Cells),
      contractEnds: Type.Array(Cells),
    }),
  ),
  next: Nullable(Type.Integer({ description: 'Valeur de « after » pour la page suivante.' })),
});
