import type { Config } from '../../platform/config.ts';

/** How access tokens are made and how much a credential may ask, from the configuration. */
export type ExchangeSettings = Config['exchange'];

export const defaultExchangeSettings: ExchangeSettings = {
  tokenTtlSeconds: 900,
  rateLimitPerMinute: 30_000,
  tokenRateLimitPerMinute: 60,
};

/** Who issues the tokens and for whom (`iss`, `aud`): this platform's API. */
export const tokenIssuer = 'urn:relais';
export const tokenAudience = 'urn:relais:api';
