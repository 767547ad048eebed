import { Readable } from 'node:stream';
import { appErrors, AppError, type AppErrorCode } from '../platform/errors.ts';
import { UsageError } from './errors.ts';

/**
 * The server did not answer: nothing reached it, or the connection broke before its answer. A
 * command that can do its work on the database itself tries that next (see `ingest-command.ts`).
 */
export class ServerUnreachableError extends UsageError {
  constructor(url: string, cause: unknown) {
    super(
      `Le serveur ${url} ne répond pas (${reason(cause)}) ; s’il est arrêté, relancez la commande.`,
      'RELAIS-CLI-SERVER-UNREACHABLE',
    );
  }
}

/** fetch says « fetch failed »; the system's reason is in its cause. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * The API of a running server: its operator API for the commands that would otherwise open the
 * database the server holds (see `store-access.ts`), or a declarant's deposits (`relais ingest
 * --api`). A refusal comes back as the AppError the server answered with, so each command reports
 * it as if it had run locally.
 */
export class ServerClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Streams `size` bytes as the body of a POST: a file, sent as it is read. */
  async upload<T>(
    path: string,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    size: number,
  ): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(size),
      },
      body: Readable.toWeb(Readable.from(body)) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, init);
    } catch (error) {
      // The file could not be read: the reading's own French error, not the server's silence.
      if (error instanceof UsageError) throw error;
      if ((error as { cause?: unknown }).cause instanceof UsageError)
        throw (error as { cause: UsageError }).cause;
      throw new ServerUnreachableError(this.url, error);
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
