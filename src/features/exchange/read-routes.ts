import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/store/schema.ts';
import type { ReadContext } from './read-context.ts';
import { MinimisedAnswer, ResourcesRead, WindowsRead } from './read-schemas.ts';
import {
  readResourcesTraced,
  readWindowsTraced,
  type PersonRequest,
  type ReadOutcome,
} from './traced-read.ts';
import type { TraceKeys } from './trace/keys.ts';
import { routeOnlyLog } from '../../platform/http/route-only-log.ts';

// The receiving bodies' scheme is documented with their token endpoint.
const secured: Record<string, string[]>[] = [{ operator: [] }];
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  503: ErrorBody,
};

const refusals =
  'Refus codés : `EXCHANGE_RECIPIENT` (destinataire absent, SIRET invalide ou d’un autre organisme), ' +
  '`EXCHANGE_PURPOSE` (finalité absente ou autre que celle de l’habilitation), `EXCHANGE_CASE` (dossier absent ' +
  'ou invalide), `EXCHANGE_DEPTH` (mois antérieurs à la profondeur de l’habilitation : la demande est refusée ' +
  'entière, jamais tronquée), `EXCHANGE_FIELDS` ; `DRM_NIR_FORMAT`, `DRM_NIR_KEY`, `DRM_NIR_TEMPORARY` ; ' +
  '`DRM_PERSON_NOT_FOUND` (404) pour un organisme, que le NIR soit inconnu ou l’identité discordante : ' +
  'même réponse, pour que nul ne puisse savoir si un NIR existe. Chaque lecture, servie ou refusée, est inscrite ' +
  'dans la trace des accès. Avec le jeton opérateur : `finalite` (une finalité connue) et `dossier` ' +
  'obligatoires, `destinataire` facultatif, tous les champs, refus détaillés (`DRM_PERSON_UNKNOWN`, ' +
  '`DRM_IDENTITY_MISMATCH`).';

function contextOf(request: FastifyRequest, body: { destinataire?: string; finalite?: string }): ReadContext {
  if (body.finalite === undefined) {
    throw new AppError(
      'EXCHANGE_PURPOSE',
      'finalite est obligatoire : le code de la finalité de la lecture.',
      {
        pointer: '/finalite',
      },
    );
  }
  return { recipient: body.destinataire ?? null, purpose: body.finalite, requestId: request.id };
}

function personOf(body: {
  nir: string;
  nom: string;
  prenoms: string;
  dateNaissance: string;
  asOf?: string;
  dossier?: string;
}): PersonRequest {
  if (body.dossier === undefined) {
    throw new AppError('EXCHANGE_CASE', 'dossier est obligatoire : la référence du dossier traité.', {
      pointer: '/dossier',
    });
  }
  return {
    nir: body.nir,
    identity: { lastName: body.nom, firstNames: body.prenoms, birthDate: body.dateNaissance },
    caseReference: body.dossier,
    ...(body.asOf !== undefined ? { asOf: new Date(body.asOf) } : {}),
  };
}

function answerOf<T>([outcome]: ReadOutcome<T>[]): T {
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.answer;
}

/**
 * The purpose-bound DRM reads: a receiving body (or the operator) posts who it reads and why, and
 * gets the answer cut down to its habilitation; the NIR never travels in a URL.
 */
export const exchangeReadRoutes: FastifyPluginAsync<{ db: Kysely<Database>; traceKeys: TraceKeys }> = async (
  fastify,
  { db, traceKeys },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const store = { db, keys: traceKeys };

  app.post(
    '/ressources',
    {
      logSerializers: routeOnlyLog,
      schema: {
        summary: 'Ressources mensuelles d’une personne, pour une finalité et un dossier',
        description:
          'Pour chaque mois de `du` à `au` : les totaux et les lignes, réduits aux champs de l’habilitation. ' +
          refusals,
        tags: ['DRM'],
        security: secured,
        body: ResourcesRead,
        response: { 200: MinimisedAnswer, ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      return answerOf(
        await readResourcesTraced(store, anyCallerOf(request), contextOf(request, body), [
          { ...personOf(body), from: body.du, to: body.au },
        ]),
      );
    },
  );

  app.post(
    '/fenetres',
    {
      logSerializers: routeOnlyLog,
      schema: {
        summary: 'Fenêtres de référence en montant net social, pour une finalité et un dossier',
        description:
          'Les trimestres M-4 à M-2 et M-3 à M-1 comptés depuis `mois`, en montant net social (l’habilitation ' +
          `doit donner netSocial). ${refusals}`,
        tags: ['DRM'],
        security: secured,
        body: WindowsRead,
        response: { 200: MinimisedAnswer, ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      return answerOf(
        await readWindowsTraced(store, anyCallerOf(request), contextOf(request, body), [
          { ...personOf(body), ...(body.mois !== undefined ? { month: body.mois } : {}) },
        ]),
      );
    },
  );
};
