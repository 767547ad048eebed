import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../../platform/http/callers.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { readOwnAccount } from './accounts.ts';

export const AccountBody = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  signedIn: Type.Boolean(),
  portfolio: Type.Array(
    Type.Object({ declarantId: Type.String(), scope: Type.String(), name: Type.String() }),
  ),
});

/** The signed-in person's account and portfolio (session cookie; see `app/http-app.ts`). */
export const accountRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '',
    {
      schema: {
        summary: 'Mon compte : qui je suis, pour quels déclarants j’agis',
        description:
          'Pour une personne connectée à l’application web (cookie de session) : son portefeuille de déclarants. ' +
          'Elle agit ensuite pour l’un d’eux sur /v1/depots et /v1/declarations en le nommant (en-tête `Relais-Declarant` ou paramètre `declarant`).',
        tags: ['Compte'],
        security: [{ session: [] }],
        response: { 200: AccountBody, 401: ErrorBody },
      },
    },
    async (request) => readOwnAccount(db, callerOf(request, 'member')),
  );
};
