import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../platform/store/schema.ts';
import { issueAccessToken, TokenRefusal } from './access-tokens.ts';
import { activeSigningKey, publishedKeys } from './signing-keys.ts';

const formType = 'application/x-www-form-urlencoded';

const TokenAnswer = Type.Object(
  {
    access_token: Type.String({
      description: 'Jeton d’accès (JWT signé, à présenter en « Authorization: Bearer »).',
    }),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer({ description: 'Durée de validité, en secondes.' }),
    scope: Type.String({
      description: 'Portée : la finalité de l’habilitation, puis ses champs (RSA_PPA netSocial).',
    }),
  },
  { description: 'Jeton délivré (RFC 6749 §5.1).' },
);

const TokenError = Type.Object(
  {
    error: Type.String({
      description: 'invalid_request, invalid_client, unsupported_grant_type ou invalid_scope.',
    }),
    error_description: Type.String({ description: 'Ce qui ne va pas, en français.' }),
  },
  { description: 'Refus (RFC 6749 §5.2).' },
);

const TokenForm = Type.Object(
  {
    grant_type: Type.String({ description: 'client_credentials' }),
    client_id: Type.Optional(
      Type.String({ description: 'Avec client_secret_post : identifiant du client.' }),
    ),
    client_secret: Type.Optional(Type.String({ description: 'Avec client_secret_post : secret du client.' })),
    scope: Type.Optional(Type.String({ description: 'Facultatif : une partie de la portée accordée.' })),
  },
  { description: 'Formulaire application/x-www-form-urlencoded.' },
);

/** The form's fields; a field given twice is ambiguous, hence refused (RFC 6749 §3.2). */
function formFields(body: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(typeof body === 'string' ? body : '')) {
    if (fields.has(name))
      throw new TokenRefusal('invalid_request', `Le paramètre ${name} est donné plusieurs fois.`);
    fields.set(name, value);
  }
  return fields;
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), or null. */
function basicCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    throw new TokenRefusal(
      'invalid_client',
      'En-tête Authorization illisible : « Basic base64(client_id:client_secret) » attendu.',
    );
  }
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      throw new TokenRefusal(
        'invalid_client',
        'En-tête Authorization illisible : encodage des identifiants incorrect.',
      );
    }
  };
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}

/** Who the client says it is, before its secret is checked: what the rate limit counts by. */
export function claimedClientId(request: FastifyRequest): string {
  try {
    return basicCredentials(request)?.clientId ?? formFields(request.body).get('client_id') ?? '';
  } catch {
    return '';
  }
}

function refuse(reply: FastifyReply, refusal: TokenRefusal) {
  // RFC 6749 §5.2: a client that failed to authenticate is told how to.
  if (refusal.status === 401) reply.header('www-authenticate', 'Basic realm="relais", charset="UTF-8"');
  return reply.code(refusal.status).send({ error: refusal.error, error_description: refusal.description });
}

/**
 * The OAuth2 token endpoint (client credentials, RFC 6749 §4.4) and the keys that verify its
 * tokens. Refusals follow RFC 6749 §5.2 rather than the API's common error format: OAuth2
 * clients read `error`.
 */
export const tokenRoutes: FastifyPluginAsync<{
  db: Kysely<Database>;
  tokenTtlSeconds: number;
  now?: () => Date;
}> = async (fastify, { db, tokenTtlSeconds, now = () => new Date() }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The form is read here, whatever its declared type (malformed JSON included), so that every
  // refusal is an OAuth2 one.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/oauth/token',
    {
      schema: {
        summary: 'Obtenir un jeton d’accès (OAuth2, client_credentials)',
        description:
          'Un organisme destinataire s’authentifie avec le client_id et le client_secret de son habilitation, ' +
          'en en-tête « Authorization: Basic » (client_secret_basic) ou dans le formulaire (client_secret_post), ' +
          'et reçoit un jeton signé de courte durée, vérifiable avec /.well-known/jwks.json. Refus au format ' +
          'RFC 6749 §5.2 : `invalid_client` (401), `invalid_request`, `unsupported_grant_type`, `invalid_scope` (400).',
        tags: ['Organismes'],
        consumes: [formType],
        body: TokenForm,
        response: { 200: TokenAnswer, 400: TokenError, 401: TokenError },
      },
      // The form is checked by the handler, whose refusals are OAuth2's.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== formType) {
          throw new TokenRefusal(
            'invalid_request',
            `Corps ${formType} attendu (type reçu : « ${type || 'aucun'} »).`,
          );
        }
        const fields = formFields(request.body);
        const grantType = fields.get('grant_type');
        if (grantType === undefined)
          throw new TokenRefusal('invalid_request', 'Le paramètre grant_type est obligatoire.');
        if (grantType !== 'client_credentials') {
          throw new TokenRefusal(
            'unsupported_grant_type',
            `Type d’autorisation « ${grantType} » non pris en charge : seul client_credentials l’est.`,
          );
        }
        const basic = basicCredentials(request);
        const posted = fields.has('client_id') || fields.has('client_secret');
        if (basic && posted) {
          throw new TokenRefusal(
            'invalid_request',
            'Une seule méthode d’authentification du client : l’en-tête Authorization ou le formulaire, pas les deux.',
          );
        }
        const client = basic ?? {
          clientId: fields.get('client_id') ?? '',
          clientSecret: fields.get('client_secret') ?? '',
        };
        if (client.clientId === '' || client.clientSecret === '') {
          throw new TokenRefusal(
            'invalid_client',
            'Authentification du client attendue : client_id et client_secret, en en-tête Authorization: Basic ou dans le formulaire.',
          );
        }
        return await issueAccessToken(db, { ...client, scope: fields.get('scope') }, tokenTtlSeconds, now());
      } catch (error) {
        if (error instanceof TokenRefusal) return refuse(reply, error);
        throw error;
      }
    },
  );

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        summary: 'Clés publiques de vérification des jetons (JWKS)',
        description:
          'La clé qui signe les jetons et celles, retirées, qui vérifient encore les jetons qu’elles ont signés ' +
          'jusqu’à leur expiration.',
        tags: ['Organismes'],
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      // Created on first need, so that a verifier may fetch the key before the first token.
      await activeSigningKey(db);
      return publishedKeys(db, tokenTtlSeconds, now());
    },
  );
};
