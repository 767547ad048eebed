import type { DeclarationView, DepositListItem, DepositOutcome } from '../../src/features/deposit/views.ts';
import type {
  PortfolioUnread,
  ReturnCounts,
  ReturnsPage,
  ReturnView,
} from '../../src/features/returns/returns.ts';
import type { AccountView } from '../../src/features/web/accounts.ts';

/**
 * The web application reads and writes through the same HTTP API as integrators (`/docs`): its
 * session cookie stands for the bearer token, and it names the declarant it acts for.
 */

export type {
  AccountView,
  DeclarationView,
  DepositListItem,
  DepositOutcome,
  PortfolioUnread,
  ReturnCounts,
  ReturnsPage,
  ReturnView,
};

/** A refusal of the API, with its code and its French detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

async function refusal(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { errors?: { code: string; detail: string }[] };
    const first = body.errors?.[0];
    if (first) return new ApiError(response.status, first.code, first.detail);
  } catch {
    // Not the API's JSON (a proxy's page): the status says enough.
  }
  return new ApiError(response.status, 'INCONNU', `Le serveur a répondu ${response.status}.`);
}

export async function getJson<T>(path: string, declarant?: string): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json', ...(declarant ? { 'relais-declarant': declarant } : {}) },
  });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

/** A change sent as JSON (the session cookie goes with it; the browser adds the Origin checked). */
export async function sendJson<T>(
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  declarant?: string,
): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      ...(declarant ? { 'relais-declarant': declarant } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

/** A link the browser follows by itself (a download): the declarant goes in the query. */
export function apiLink(path: string, declarant: string, query: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ ...query, declarant }).toString()}`;
}

/**
 * Sends a file as a deposit, its bytes as they are, telling how much has gone (`fetch` does not
 * report an upload's progress; XMLHttpRequest does).
 */
export function uploadDeposit(
  file: File,
  declarant: string,
  onProgress: (fraction: number) => void,
): Promise<DepositOutcome> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/v1/depots?${new URLSearchParams({ fileName: file.name }).toString()}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('relais-declarant', declarant);
    request.setRequestHeader('accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const response = new Response(request.responseText, { status: request.status });
      if (request.status === 200 || request.status === 201)
        resolve(JSON.parse(request.responseText) as DepositOutcome);
      else void refusal(response).then(reject);
    });
    request.addEventListener('error', () =>
      reject(
        new ApiError(
          0,
          'RESEAU',
          'L’envoi a échoué (réseau interrompu) : rien n’a été enregistré, réessayez.',
        ),
      ),
    );
    request.send(file);
  });
}
