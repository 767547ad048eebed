import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Configuration, ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from '../../core/check/report-html.ts';
import { testAccounts } from './test-accounts.ts';

/**
 * A local OpenID Connect provider (`oidc-provider`) mounted at `/oidc`, for development, the
 * demonstration and the browser tests: it signs in the test accounts without a password. In
 * production Relais signs in with ProConnect instead (`RELAIS_OIDC_ISSUER`…), and this provider is
 * not mounted. Its state (sessions, codes) is in memory: a restart signs everyone out of it, not
 * out of Relais, whose own sessions are in the database.
 *
 * Its issuer is the origin the browser used (`http://localhost:3000/oidc`), so that its cookies and
 * Relais's are on the same host however the server was reached: one provider per origin seen.
 */

export const mountPath = '/oidc';
export const localClientId = 'relais-web';

/** The redirect after sign-in, on Relais's side. */
export const callbackPath = '/connexion/retour';

export interface LocalProvider {
  clientSecret: string;
  issuerFor(origin: string): string;
  routes: FastifyPluginAsync;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/referentiel/dsfr/dsfr.min.css">
<title>${escapeHtml(title)} — fournisseur d’identité de démonstration</title></head>
<body><main class="fr-container fr-py-6w" id="contenu"><div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<p class="fr-badge fr-badge--info">Fournisseur d’identité de démonstration</p>
<h1>${escapeHtml(title)}</h1>
${body}
</div></div></main></body></html>`;

function loginPage(uid: string): string {
  const choices = testAccounts
    .map(
      (account, index) => `<div class="fr-fieldset__element"><div class="fr-radio-group fr-radio-rich">
<input type="radio" id="compte-${index}" name="compte" value="${escapeHtml(account.subject)}"${index === 0 ? ' checked' : ''}>
<label class="fr-label" for="compte-${index}">${escapeHtml(account.name)}<span class="fr-hint-text">${escapeHtml(account.email)} — ${escapeHtml(account.role)}</span></label>
</div></div>`,
    )
    .join('\n');
  return page(
    'Se connecter',
    `<p>Ce fournisseur sert au développement et à la démonstration : choisissez un compte de test, sans mot de passe. En production, la connexion passe par ProConnect.</p>
<form method="post" action="${mountPath}/interaction/${escapeHtml(uid)}">
<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Compte de test</legend>
${choices}
</fieldset>
<button class="fr-btn" type="submit">Se connecter</button>
</form>`,
  );
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Se déconnecter',
    `<p>Vous êtes déconnecté de Relais. Fermez aussi votre session auprès du fournisseur d’identité de démonstration :</p>
${form}
<ul class="fr-btns-group fr-btns-group--inline"><li><button class="fr-btn" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Se déconnecter du fournisseur</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" form="op.logoutForm">Rester connecté au fournisseur</button></li></ul>`,
  );
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Connexion impossible',
    `<p>Le fournisseur d’identité a refusé la demande : ${escapeHtml(out.error_description ?? out.error)}.</p>
<p><a class="fr-link" href="/">Retour à l’accueil de Relais</a></p>`,
  );
}

function configuration(origin: string, clientSecret: string, cookieKey: string): Configuration {
  return {
    clients: [
      {
        client_id: localClientId,
        client_secret: clientSecret,
        redirect_uris: [`${origin}${callbackPath}`],
        post_logout_redirect_uris: [`${origin}/`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    async findAccount(_ctx, subject) {
      const account = testAccounts.find((a) => a.subject === subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: async () => ({
          sub: subject,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    cookies: { keys: [cookieKey] },
    // Seconds; a demonstration's day at most.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 36_000,
      IdToken: 3_600,
      Interaction: 600,
      Session: 36_000,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    // Relais is the provider's only client, its own: consent is given once signed in.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const existing = ctx.oidc.session?.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError,
  };
}

/** `origin`: the request's (`http://localhost:3000`), or the configured public URL. */
export function localProvider(originOf: (request: FastifyRequest) => string): LocalProvider {
  const clientSecret = randomBytes(32).toString('base64url');
  const cookieKey = randomBytes(32).toString('base64url');
  const providers = new Map<
    string,
    Promise<{ provider: Provider; callback: ReturnType<Provider['callback']> }>
  >();
  const issuerFor = (origin: string) => `${origin}${mountPath}`;
  // Imported at the first sign-in, not at start: oidc-provider and its Koa take seconds to load.
  const providerFor = (origin: string) => {
    let entry = providers.get(origin);
    if (!entry) {
      entry = import('oidc-provider').then(({ default: OidcProvider }) => {
        const provider = new OidcProvider(issuerFor(origin), configuration(origin, clientSecret, cookieKey));
        return { provider, callback: provider.callback() };
      });
      providers.set(origin, entry);
    }
    return entry;
  };

  const routes: FastifyPluginAsync = async (app) => {
    // The provider reads its requests' bodies itself.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
      const { callback } = await providerFor(originOf(request));
      reply.hijack();
      // Mounted as Express would: the provider finds its mount path from the two.
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(mountPath.length) || '/';
      callback(request.raw, reply.raw);
    };
    app.all(mountPath, { schema: { hide: true } }, handOver);
    app.all(`${mountPath}/*`, { schema: { hide: true } }, handOver);

    app.register(async (interactions) => {
      interactions.removeAllContentTypeParsers();
      interactions.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      interactions.get<{ Params: { uid: string } }>(
        `${mountPath}/interaction/:uid`,
        { schema: { hide: true } },
        async (request, reply) => {
          const { provider } = await providerFor(originOf(request));
          const details = await provider.interactionDetails(request.raw, reply.raw);
          return reply.type('text/html; charset=utf-8').send(loginPage(details.uid));
        },
      );
      interactions.post<{ Params: { uid: string }; Body: { compte?: string } }>(
        `${mountPath}/interaction/:uid`,
        { schema: { hide: true } },
        async (request, reply) => {
          const { provider } = await providerFor(originOf(request));
          const account = testAccounts.find((a) => a.subject === request.body?.compte);
          const result = account
            ? { login: { accountId: account.subject } }
            : { error: 'access_denied', error_description: 'compte de test inconnu' };
          const to = await provider.interactionResult(request.raw, reply.raw, result, {
            mergeWithLastSubmission: false,
          });
          return reply.redirect(to, 303);
        },
      );
    });
  };

  return { clientSecret, issuerFor, routes };
}
