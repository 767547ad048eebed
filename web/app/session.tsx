import { createContext, useContext, type ReactNode } from 'react';
import type { AccountView } from './api.ts';
import { getJson } from './api.ts';
import { useLoaded, type Loaded } from './use-api.ts';

/**
 * Who is signed in, read once from `/v1/compte`: signed out is a 401 (no session, or an expired
 * one), not a failure.
 */
export type Session = Loaded<AccountView | null>;

const SessionContext = createContext<Session>({ state: 'loading' });

async function readAccount(): Promise<AccountView | null> {
  try {
    return await getJson<AccountView>('/v1/compte');
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useLoaded('compte', readAccount);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

/** The sign-in address, coming back to the page the person is on. */
export const signInHref = () =>
  `/connexion?${new URLSearchParams({ retour: location.pathname + location.search }).toString()}`;
