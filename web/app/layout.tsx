import { Footer } from '@codegouvfr/react-dsfr/Footer.js';
import { Header } from '@codegouvfr/react-dsfr/Header/index.js';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks.js';
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { frenchNumber } from './format.ts';
import { signInHref, useSession } from './session.tsx';
import { useUnread } from './unread.tsx';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

function SessionButton() {
  const session = useSession();
  if (session.state !== 'ready') return null;
  if (session.data === null)
    return (
      <a className="fr-btn fr-icon-account-circle-line" href={signInHref()}>
        Se connecter
      </a>
    );
  return (
    <form method="post" action="/deconnexion">
      <button className="fr-btn fr-icon-logout-box-r-line" type="submit">
        Se déconnecter ({session.data.name ?? session.data.email})
      </button>
    </form>
  );
}

/** The page shown last, kept across the layouts of successive pages; null before the first. */
let shownPath: string | null = null;

/**
 * One header, footer and navigation for every page. A change of page in the browser moves the
 * focus to the new page's main heading, so that a screen reader announces it, and names it in the
 * window's title.
 */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const [path] = useLocation();
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = `${title} — Relais`;
  }, [title]);
  useEffect(() => {
    // A page loaded whole starts at its top, skip links first; a page changed in place, at its title.
    if (shownPath !== null && shownPath !== path) main.current?.querySelector('h1')?.focus();
    shownPath = path;
  }, [path]);
  const current = (href: string) => (href === '/espace/' ? path === href : path.startsWith(href));
  const unread = useUnread().counts?.unread ?? 0;
  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: '#contenu' },
          { label: 'Menu', anchor: '#navigation-principale' },
        ]}
      />
      <Header
        brandTop={brandTop}
        serviceTitle="Relais"
        serviceTagline="Déclarations sociales : auto-contrôle, dépôt, ressources mensuelles"
        homeLinkProps={{ href: '/', title: 'Accueil — Relais' }}
        quickAccessItems={[<SessionButton key="session" />]}
        navigation={[
          { text: 'Accueil', linkProps: { href: '/' } },
          { text: 'Tableau de bord', linkProps: { href: '/espace/' }, isActive: current('/espace/') },
          {
            text: 'Déposer un fichier',
            linkProps: { href: '/espace/deposer' },
            isActive: current('/espace/deposer'),
          },
          {
            text: (
              <>
                Retours
                {unread > 0 && (
                  <span className="fr-badge fr-badge--sm fr-badge--new fr-ml-1w relais-non-lus">
                    {frenchNumber(unread)} non lu{unread > 1 ? 's' : ''}
                  </span>
                )}
              </>
            ),
            linkProps: { href: '/espace/retours' },
            isActive: current('/espace/retours'),
          },
          { text: 'Auto-contrôle', linkProps: { href: '/auto-controle/' } },
          { text: 'Référentiel des contrôles', linkProps: { href: '/referentiel/' } },
          { text: 'API', linkProps: { href: '/docs' } },
        ]}
        id="en-tete"
      />
      <main className="fr-container fr-py-4w" id="contenu" ref={main} tabIndex={-1}>
        {children}
      </main>
      <Footer
        accessibility="non compliant"
        contentDescription="Relais est une plateforme ouverte de la chaîne des données sociales : auto-contrôle et dépôt des DSN et PASRAU, ressources mensuelles (DRM)."
        bottomItems={[
          { text: 'Documentation de l’API', linkProps: { href: '/docs' } },
          { text: 'Référentiel des contrôles', linkProps: { href: '/referentiel/' } },
        ]}
      />
    </>
  );
}
