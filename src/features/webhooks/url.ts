import { AppError } from '../../platform/errors.ts';

const invalid = (detail: string) => new AppError('WEBHOOK_URL_INVALID', detail, { pointer: '/url' });

/**
 * The URL a webhook is sent to: absolute http(s), without credentials (they would be stored and
 * logged; the signature is what authenticates the sender) nor fragment; https only unless
 * `allowHttp`, since a message tells who changed and when.
 */
export function checkWebhookUrl(raw: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(
      `« ${raw.slice(0, 100)} » n’est pas une adresse complète (https://exemple.fr/chemin attendu).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`L’adresse doit commencer par https:// (et non ${url.protocol}//).`);
  }
  if (url.protocol === 'http:' && !allowHttp) {
    throw invalid(
      'L’adresse doit être en https:// : ce serveur refuse http:// (RELAIS_WEBHOOK_ALLOW_HTTP=1 pour l’accepter).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      'L’adresse ne doit pas contenir d’identifiant ni de mot de passe : vérifiez la signature des messages à la place.',
    );
  }
  if (url.hash !== '') throw invalid('L’adresse ne doit pas contenir de fragment (#…).');
  return url.href;
}
