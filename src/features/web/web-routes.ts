import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { appRoutes } from './app-routes.ts';
import { localClientId, localProvider } from './local-provider.ts';
import { signInRoutes, type IdentityProvider } from './sign-in-routes.ts';

export interface WebOptions {
  db: Executor;
  publicUrl: Config['publicUrl'];
  /** The configured identity provider; null: the local one, mounted at `/oidc`. */
  oidc: Config['oidc'];
}

/** The web application, its sign-in, and, without a configured provider, the local one. */
export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, { db, publicUrl, oidc }) => {
  const originOf = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`;
  let provider: IdentityProvider;
  if (oidc) {
    provider = { issuerFor: () => oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret };
  } else {
    const local = localProvider(originOf);
    await app.register(local.routes);
    provider = { issuerFor: local.issuerFor, clientId: localClientId, clientSecret: local.clientSecret };
  }
  await app.register(signInRoutes, { db, provider, originOf });
  await app.register(appRoutes);
};
