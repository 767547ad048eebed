import { Type } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import { returnKinds, type ReturnKind } from './kinds.ts';

/** Route schemas of the returns stream: every field listed (the serialiser drops the others). */

const Kind = Type.Unsafe<ReturnKind>({
  type: 'string',
  enum: returnKinds.map((k) => k.kind),
  description: returnKinds.map((k) => `${k.kind} : ${k.label.toLowerCase()}`).join(' ; ') + '.',
});

const Cursor = (description: string) => Type.Integer({ minimum: 0, description });

export const ReturnsQuery = Type.Object({
  apres: Type.Integer({
    minimum: 0,
    default: 0,
    description:
      'Curseur : la position du dernier retour lu (`next` de la réponse précédente) ; 0 pour tout.',
  }),
  limite: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'Nombre de retours au plus.',
  }),
  avant: Type.Optional(
    Type.Integer({
      minimum: 1,
      description:
        'Lire à rebours : les retours avant cette position, du plus récent au plus ancien (une frise) ; ' +
        '`next` est alors la position à redonner en `avant` pour les plus anciens.',
    }),
  ),
});

export const CountsQuery = Type.Object({
  apres: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        'Curseur : la position du dernier retour lu ; les retours au-delà sont les non lus. ' +
        'Sans curseur : 0 avec un jeton, la position marquée lue (`PUT /v1/retours/lu`) pour une personne connectée.',
    }),
  ),
});

export const ReadBody = Type.Object({
  position: Cursor('La position du dernier retour lu (au plus celle du dernier retour).'),
});

export const ReadPosition = Type.Object({
  read: Cursor('La position lue gardée : jamais en arrière, même si une position plus ancienne est donnée.'),
});

export const PortfolioUnread = Type.Object({
  unread: Type.Integer({ description: 'Retours non lus de tout le portefeuille.' }),
  declarants: Type.Array(
    Type.Object({
      declarantId: Type.String({ format: 'uuid' }),
      unread: Type.Integer({ description: 'Retours après la position lue.' }),
      read: Cursor('La position lue gardée pour ce déclarant (0 : rien lu).'),
      last: Cursor('Position du dernier retour de ce déclarant (0 : aucun).'),
    }),
  ),
});

const Return = Type.Object({
  position: Cursor('Position du retour dans le flux : croissante, jamais réutilisée.'),
  kind: Kind,
  label: Type.String({ description: 'Le type de retour, en français.' }),
  at: Type.String({ format: 'date-time', description: 'Instant où le retour a été émis.' }),
  depositId: Nullable(Type.String({ format: 'uuid', description: 'Le dépôt dont il est le retour.' })),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Statut et décomptes : status du dépôt, blocking, nonBlocking, declarations certifiées.',
  }),
  links: Type.Record(Type.String(), Type.String(), {
    description:
      'Adresses où lire le retour : deposit, file, report (JSON), reportPage (HTML), certificate (PDF), verification (page publique).',
  }),
});

export const ReturnsPage = Type.Object({
  events: Type.Array(Return),
  next: Cursor('Le curseur à redonner (`apres`) pour lire la suite.'),
  more: Type.Boolean({ description: 'D’autres retours suivent : redemander aussitôt depuis `next`.' }),
});

export const ReturnCounts = Type.Object({
  unread: Type.Integer({ description: 'Retours après le curseur donné.' }),
  byKind: Type.Object(
    Object.fromEntries(returnKinds.map((k) => [k.kind, Type.Integer()])) as Record<
      ReturnKind,
      ReturnType<typeof Type.Integer>
    >,
  ),
  last: Cursor('Position du dernier retour : le curseur une fois tout lu.'),
  from: Cursor('Le curseur d’où l’on a compté.'),
});
