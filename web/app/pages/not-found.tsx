import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import { PageTitle } from '../states.tsx';

export function NotFound() {
  return (
    <Layout title="Page introuvable">
      <PageTitle>Page introuvable</PageTitle>
      <p className="fr-text--lead">La page que vous cherchez n’existe pas, ou plus.</p>
      <p>
        Si vous avez tapé l’adresse, vérifiez-la ; sinon, le lien que vous avez suivi est peut-être ancien.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <AppLink className="fr-btn" href="/espace/">
            Tableau de bord
          </AppLink>
        </li>
        <li>
          <AppLink className="fr-btn fr-btn--secondary" href="/">
            Accueil de Relais
          </AppLink>
        </li>
      </ul>
    </Layout>
  );
}
