import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Layout } from '../layout.tsx';
import { signInHref } from '../session.tsx';
import { PageTitle } from '../states.tsx';

/** What a page of the space shows to someone not signed in. */
export function SignedOut({ title }: { title: string }) {
  const failed = new URLSearchParams(location.search).get('connexion') === 'echec';
  return (
    <Layout title={title}>
      <PageTitle>Espace déclarant</PageTitle>
      {failed && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          title="La connexion a échoué"
          description="Le fournisseur d’identité n’a pas confirmé votre connexion, ou elle a pris trop de temps. Recommencez."
        />
      )}
      <p className="fr-text--lead">
        Suivez vos dépôts DSN, ceux de votre entreprise ou de vos clients, et déposez vos fichiers.
      </p>
      <p>
        Connectez-vous avec votre compte professionnel. Un opérateur de Relais rattache votre compte aux
        entreprises pour lesquelles vous déclarez.
      </p>
      <a className="fr-btn" href={signInHref()}>
        Se connecter
      </a>
    </Layout>
  );
}
