import { createContext, useContext, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { getJson, type PortfolioUnread } from './api.ts';
import { useSession } from './session.tsx';
import { useLoaded } from './use-api.ts';

/**
 * The unread returns of the signed-in person's portfolio, for the navigation's badge and the
 * timeline: read once per page shown, and again when the timeline marks returns read.
 */
interface Unread {
  counts: PortfolioUnread | null;
  refresh: () => void;
}

const UnreadContext = createContext<Unread>({ counts: null, refresh: () => undefined });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [path] = useLocation();
  const [version, setVersion] = useState(0);
  const account =
    session.state === 'ready' && session.data && session.data.portfolio.length > 0 ? session.data : null;
  const loaded = useLoaded(`non-lus|${account?.id ?? ''}|${path}|${version}`, () =>
    account ? getJson<PortfolioUnread>('/v1/retours/non-lus') : Promise.resolve(null),
  );
  const [shown, setShown] = useState<PortfolioUnread | null>(null);
  // The last counts read stay shown while the next are read: the badge does not blink.
  if (loaded.state === 'ready' && loaded.data !== shown) setShown(loaded.data);
  return (
    <UnreadContext.Provider value={{ counts: shown, refresh: () => setVersion((v) => v + 1) }}>
      {children}
    </UnreadContext.Provider>
  );
}

export const useUnread = () => useContext(UnreadContext);
