import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../platform/errors.ts';
import { declarantOf } from './acting-declarant.ts';
import { attachment } from '../../platform/http/content-disposition.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import { listOwnDeposits, readOwnDeposit, readOwnDepositFile } from './deposit-reads.ts';
import { depositor } from './permissions.ts';
import { renderReportPage } from './report-page.ts';
import { ErrorBody, IdParams } from '../../platform/http/schemas.ts';
import { Deposit, DepositList, DepositOutcome } from './schemas.ts';

// A declarant's token, or the session of a person acting for it (see `acting-declarant.ts`).
const secured: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** A declarant's deposits; its routes are served to declarant callers only (see `app/http-app.ts`). */
export const depotsRoutes: FastifyPluginAsync<{ intake: IntakeContext }> = async (fastify, { intake }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = intake.store.db;

  // The body is the declaration's raw bytes, streamed to the intake: never parsed or buffered here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

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
    async (request, reply) => {
      const declarant = depositor(declarantOf(request));
      if (/^multipart\//i.test(request.headers['content-type'] ?? '')) {
        throw new AppError(
          'DEPOSIT_MEDIA_TYPE',
          'Envoyez le fichier brut dans le corps de la requête (curl --data-binary @fichier.dsn), pas un formulaire multipart.',
          { header: 'Content-Type' },
        );
      }
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > intake.maxDepositBytes) {
        throw new AppError(
          'DEPOSIT_TOO_LARGE',
          `Le fichier (${length.toLocaleString('fr-FR')} octets) dépasse la taille maximale acceptée (${intake.maxDepositBytes.toLocaleString('fr-FR')} octets).`,
          { header: 'Content-Length' },
        );
      }
      // A client that goes away stops the reading; the transaction is rolled back.
      const aborted = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) aborted.abort();
      });
      const body = (request.body ?? []) as AsyncIterable<Uint8Array>;
      let outcome;
      try {
        outcome = await depositDsn(
          { ...intake, log: request.log },
          {
            source: body,
            declarant,
            fileName: request.query.fileName ?? null,
            signal: aborted.signal,
          },
        );
      } catch (error) {
        // The client went away mid-upload: nothing was kept, and nobody is left to answer.
        if (aborted.signal.aborted || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          throw new AppError(
            'DEPOSIT_ABORTED',
            "L'envoi a été interrompu avant la fin : rien n'a été enregistré.",
            {
              pointer: '/body',
            },
          );
        }
        throw error;
      }
      reply.header('location', `/v1/depots/${outcome.acknowledgement.depositId}`);
      return reply.code(outcome.duplicate ? 200 : 201).send(outcome);
    },
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
          'JSON par défaut ; une page HTML lisible avec `Accept: text/html` (navigateur) ou `?format=html`.',
        tags: ['Dépôts'],
        security: secured,
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])),
        }),
        produces: ['application/json', 'text/html'],
        response: {
          200: {
            content: {
              'application/json': { schema: DepositOutcome },
              'text/html': { schema: Type.String() },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const outcome = await readOwnDeposit(db, declarantOf(request), request.params.id);
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
