import { describe, expect, it } from 'vitest';
import { operatorToken, withExchangeApp } from '../../../test/exchange-helpers.ts';

describe('the API catalogue page', () => {
  const ctx = withExchangeApp();

  it('lists the services, the purposes of the database, the grantable fields and how to get a token', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/v1/admin/finalites',
      headers: { authorization: `Bearer ${operatorToken}` },
      payload: { code: 'ESSAI_CATALOGUE', label: 'Finalité <ajoutée>', legalReference: 'Texte' },
    });
    const response = await ctx.app.inject({ method: 'GET', url: '/api/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    for (const route of [
      'POST /v1/drm/ressources',
      'POST /v1/drm/fenetres',
      'POST /v1/drm/lots',
      'GET /v1/flux',
    ]) {
      expect(html).toContain(route);
    }
    expect(html).toContain('<code>RSA_PPA</code>');
    expect(html).toContain('Finalité &lt;ajoutée&gt;');
    expect(html).toContain('<th scope="row"><code>netSocial</code></th><td>Montant net social</td>');
    expect(html.match(/<caption>/g)).toHaveLength(3);
    expect(html).toContain('href="/openapi.json"');
    expect(html).toContain('grant_type=client_credentials');
    expect((await ctx.app.inject({ url: '/' })).body).toContain('href="/api/"');
  });
});
