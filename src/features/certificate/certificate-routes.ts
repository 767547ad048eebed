import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { attachment } from '../../platform/http/content-disposition.ts';
import { ErrorBody, IdParams } from '../../platform/http/schemas.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { declarantOf } from '../deposit/acting-declarant.ts';
import { dsfrDirectory } from '../referential/site.ts';
import { ownCertificate, verifyCertificate } from './certificate.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { renderUnknownCodePage, renderVerifiedPage } from './verify-page.ts';

const CertificateReference = Type.Object({
  depositId: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'Code de vérification, tel qu’imprimé sur le certificat.' }),
  issuedAt: Type.String({ format: 'date-time' }),
  certificate: Type.String({ description: 'Adresse du certificat en PDF.' }),
  verification: Type.String({ description: 'Page publique de vérification (sans jeton).' }),
});

/** Where the verification page is, as this server is reached by the request. */
const verificationUrl = (request: FastifyRequest, code: string) =>
  `${request.protocol}://${request.host}/verifier/${code}`;

/**
 * A deposit's certificate of conformity: under `/v1/depots`, served to its declarant only (or to
 * a person acting for it from the web application).
 */
export const certificateRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/:id/certificat',
    {
      schema: {
        summary: 'Télécharger le certificat de conformité d’un dépôt (PDF)',
        description:
          'Pour un dépôt dont au moins une déclaration a été acceptée : qui, quel fichier (nom, SHA-256), quelles déclarations, ' +
          'la norme, la date, le résultat et un code de vérification que chacun peut contrôler sur /verifier/{code}. ' +
          'En JSON (le code et les adresses) avec `Accept: application/json` ou `?format=json`. Dépôt rejeté : 409 CERTIFICATE_UNAVAILABLE.',
        tags: ['Dépôts'],
        // A declarant's token, or the session of a person acting for it, as the deposit routes.
        security: [{ bearer: [] }, { session: [] }],
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('json')])),
        }),
        produces: ['application/pdf', 'application/json'],
        response: {
          200: {
            content: {
              'application/pdf': { schema: Type.String({ format: 'binary' }) },
              'application/json': { schema: CertificateReference },
            },
          },
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const content = await ownCertificate(db, declarantOf(request), request.params.id);
      const wantsJson =
        request.query.format === 'json' ||
        (request.query.format === undefined && /application\/json/.test(request.headers.accept ?? ''));
      const id = content.deposit.id;
      if (wantsJson) {
        return reply.type('application/json; charset=utf-8').send({
          depositId: id,
          code: content.code,
          issuedAt: content.issuedAt.toISOString(),
          certificate: `/v1/depots/${id}/certificat`,
          verification: `/verifier/${content.code}`,
        });
      }
      const pdf = await renderCertificatePdf(content, verificationUrl(request, content.code));
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`certificat-${id}.pdf`, `certificat-${id}.pdf`))
        .send(pdf as never);
    },
  );
};

/** The public verification page: no credential, the code is what is checked. */
export const verifyRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/verifier/:code',
    {
      schema: {
        summary: 'Vérifier un certificat de conformité (page publique)',
        tags: ['Dépôts'],
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        produces: ['text/html'],
        response: {
          200: { content: { 'text/html': { schema: Type.String() } } },
          404: { content: { 'text/html': { schema: Type.String() } } },
        },
      },
    },
    async (request, reply) => {
      const content = await verifyCertificate(db, request.params.code);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!content) return reply.code(404).send(renderUnknownCodePage(request.params.code));
      return reply.send(renderVerifiedPage(content));
    },
  );
  await app.register(fastifyStatic, {
    root: dsfrDirectory(),
    prefix: '/verifier/dsfr/',
    decorateReply: false,
  });
};
