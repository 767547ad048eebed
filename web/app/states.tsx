import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import type { ReactNode } from 'react';
import type { ApiError } from './api.ts';
import type { Loaded } from './use-api.ts';

/** The page's main heading: focused when the page changes (see `Layout`). */
export const PageTitle = ({ children }: { children: ReactNode }) => <h1 tabIndex={-1}>{children}</h1>;

export const Loading = ({ what }: { what: string }) => (
  <p role="status" aria-live="polite">
    Chargement {what}…
  </p>
);

export const Failure = ({ error }: { error: ApiError }) => (
  <Alert severity="error" title="La lecture a échoué" description={error.message} />
);

/** What was read, or its loading state, or why it failed. */
export function Shown<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'failed') return <Failure error={loaded.error} />;
  return <>{children(loaded.data)}</>;
}
