import { startReactDsfr } from '@codegouvfr/react-dsfr/spa.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { AppLink } from './link.tsx';
import { SessionProvider } from './session.tsx';
import { UnreadProvider } from './unread.tsx';
import './app.css';

declare module '@codegouvfr/react-dsfr/spa.js' {
  interface RegisterLink {
    Link: typeof AppLink;
  }
}

startReactDsfr({ defaultColorScheme: 'light', Link: AppLink });

createRoot(document.getElementById('racine')!).render(
  <StrictMode>
    <SessionProvider>
      <UnreadProvider>
        <App />
      </UnreadProvider>
    </SessionProvider>
  </StrictMode>,
);
