import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { declarantOf } from './acting-declarant.ts';
import { attachment } from '../../platform/http/content-disposition.ts';
import type { IntakeContext } from './deposit.ts';
import { receiveDeposit, takeRawBodies } from './deposit-upload.ts';
import { listOwnDeposits, readOwnDeposit, readOwnDepositFile } from './deposit-reads.ts';
import { depositor } from './permissions.ts';
import { renderReportCsv } from './report-csv.ts';
import { renderReportPage } from './report-page.ts';
import { renderReportPdf } from './report-pdf.ts';
import { ErrorBody, IdParams } from '../../platform/http/schemas.ts';
import { Deposit, DepositList, DepositOutcome } from './schemas.ts';

// A declarant's token, or the session of a person acting for it (see `acting-declarant.ts`).
const secured: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** A declarant's deposits; its routes are served to declarant callers only (see `app/http-app.ts`). */
export const depotsRoutes: FastifyPluginAsync<{ intake: IntakeContext }> = async (fastify, { intake }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = intake.store.db;

  takeRawBodies(app);

  app.post(
    '',
    {
      schema: {
        summary: 'Déposer une déclaration DSN',
        description:
          'Le corps est le fichier brut (ISO-8859-1), envoyé tel quel (`curl --data-binary @fichier.dsn`). ' +
          'La réponse est l’accusé de réception et le rapport de conformité. Un dépôt des mêmes octets renvoie le dépôt d’origine (200).',
        tags: ['Dépôts'],
        security: secured,
        querystring: Type.Object({
          fileName: Type.Optional(
            Type.String({ maxLength: 255, description: 'Nom du fichier, pour mémoire.' }),
          ),
        }),
        response: {
          200: DepositOutcome,
          201: DepositOutcome,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          ...errors,
        },
      },
    },
    async (request, reply) =>
      receiveDeposit(intake, request, reply, {
        declarant: depositor(declarantOf(request)),
        fileName: request.query.fileName ?? null,
      }),
  );

  app.get(
    '/limites',
    {
      schema: {
        summary: 'Taille maximale d’un dépôt',
        description:
          'Pour refuser un fichier trop volumineux avant de l’envoyer : au-delà, le dépôt est refusé (413 DEPOSIT_TOO_LARGE) sans rien enregistrer.',
        tags: ['Dépôts'],
        security: secured,
        response: {
          200: Type.Object({
            maxDepositBytes: Type.Integer({ description: 'Taille maximale d’un fichier déposé, en octets.' }),
          }),
          ...errors,
        },
      },
    },
    async () => ({ maxDepositBytes: intake.maxDepositBytes }),
  );

  app.get(
    '',
    {
      schema: {
        summary: 'Lister mes dépôts',
        tags: ['Dépôts'],
        security: secured,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
        response: { 200: DepositList, ...errors },
      },
    },
    async (request) => listOwnDeposits(db, declarantOf(request), request.query.limit),
  );

  app.get(
    '/:id',
    {
      schema: {
        summary: 'Lire un dépôt (accusé de réception, déclarations et leur statut)',
        tags: ['Dépôts'],
        security: secured,
        params: IdParams,
        response: { 200: Deposit, ...errors },
      },
    },
    async (request) => readOwnDeposit(db, declarantOf(request), request.params.id),
  );

  app.get(
    '/:id/bilan',
    {
      schema: {
        summary: 'Lire le bilan de conformité d’un dépôt',
        description:
          'JSON par défaut ; une page HTML lisible avec `Accept: text/html` (navigateur) ou `?format=html` ; ' +
          'à télécharger en CSV (`?format=csv`, une ligne par anomalie, colonnes en français) ou en PDF (`?format=pdf`). ' +
          'Le NIR n’y est jamais en clair.',
        tags: ['Dépôts'],
        security: secured,
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(
            Type.Union([
              Type.Literal('json'),
              Type.Literal('html'),
              Type.Literal('csv'),
              Type.Literal('pdf'),
            ]),
          ),
        }),
        produces: ['application/json', 'text/html', 'text/csv', 'application/pdf'],
        response: {
          200: {
            content: {
              'application/json': { schema: DepositOutcome },
              'text/html': { schema: Type.String() },
              'text/csv': { schema: Type.String() },
              'application/pdf': { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const outcome = await readOwnDeposit(db, declarantOf(request), request.params.id);
      const id = outcome.acknowledgement.depositId;
      if (request.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(`bilan-${id}.csv`, `bilan-${id}.csv`))
          .send(renderReportCsv(outcome));
      if (request.query.format === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(`bilan-${id}.pdf`, `bilan-${id}.pdf`))
          .send((await renderReportPdf(outcome)) as never);
      const wantsHtml =
        request.query.format === 'html' ||
        (request.query.format === undefined && /text\/html/.test(request.headers.accept ?? ''));
      if (wantsHtml) return reply.type('text/html; charset=utf-8').send(renderReportPage(outcome));
      return reply.type('application/json; charset=utf-8').send(outcome);
    },
  );

  app.get(
    '/:id/fichier',
    {
      schema: {
        summary: 'Télécharger les octets déposés, tels que reçus',
        description: 'Sous le nom donné au dépôt (`fileName`), ou `<sha256>.dsn` si le dépôt n’en avait pas.',
        tags: ['Dépôts'],
        security: secured,
        params: IdParams,
        produces: ['application/octet-stream'],
        response: errors,
      },
    },
    async (request, reply) => {
      const { sha256, fileName, bytes } = await readOwnDepositFile(
        { ex: db, blobs: intake.blobs },
        declarantOf(request),
        request.params.id,
      );
      return reply
        .type('application/octet-stream')
        .header('content-disposition', attachment(fileName, `${sha256}.dsn`))
        .header('digest', `sha-256=${Buffer.from(sha256, 'hex').toString('base64')}`)
        .send(bytes as never);
    },
  );
};
