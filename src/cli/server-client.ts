import { appErrors, AppError, type AppErrorCode } from '../platform/errors.ts';
import { UsageError } from './errors.ts';

/**
 * The operator API of the server running on this data directory, for the commands that would
 * otherwise open the database the server holds (see `store-access.ts`). A refusal comes back as
 * the AppError the server answered with, so each command reports it as if it had run locally.
 */
export class ServerClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new UsageError(
        `Le serveur ${this.url} ne répond pas (${(error as Error).message}) ; s’il est arrêté, relancez la commande.`,
        'RELAIS-CLI-SERVER-UNREACHABLE',
      );
    }
    const answer = (await response.json().catch(() => null)) as {
      errors?: { code?: string; detail?: string }[];
    } | null;
    if (response.ok) return answer as T;
    const first = answer?.errors?.[0];
    const code = (first?.code ?? '') in appErrors ? (first!.code as AppErrorCode) : 'INTERNAL';
    throw new AppError(code, first?.detail ?? `Réponse ${response.status} du serveur ${this.url}.`);
  }
}
