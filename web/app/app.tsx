import { Route, Switch, useSearch } from 'wouter';
import type { ReactNode } from 'react';
import type { AccountView } from './api.ts';
import { Layout } from './layout.tsx';
import { Dashboard } from './pages/dashboard.tsx';
import { DepositDetail } from './pages/deposit-detail.tsx';
import { DepositFile } from './pages/deposit-file.tsx';
import { NotFound } from './pages/not-found.tsx';
import { PeriodVersions } from './pages/period.tsx';
import { Returns } from './pages/returns.tsx';
import { SignedOut } from './pages/signed-out.tsx';
import { useSession } from './session.tsx';
import { Failure, Loading, PageTitle } from './states.tsx';

/** A page for signed-in people: the sign-in invitation otherwise. */
function SignedIn({ title, page }: { title: string; page: (account: AccountView) => ReactNode }) {
  const session = useSession();
  if (session.state === 'ready') return session.data ? page(session.data) : <SignedOut title={title} />;
  return (
    <Layout title={title}>
      <PageTitle>{title}</PageTitle>
      {session.state === 'loading' ? <Loading what="de votre session" /> : <Failure error={session.error} />}
    </Layout>
  );
}

const useDeclarant = () => new URLSearchParams(useSearch()).get('declarant') ?? '';

function DepositRoute({ id }: { id: string }) {
  const declarant = useDeclarant();
  return <SignedIn title="Dépôt" page={() => <DepositDetail id={id} declarant={declarant} />} />;
}

function PeriodRoute({ siret, month }: { siret: string; month: string }) {
  const declarant = useDeclarant();
  return (
    <SignedIn
      title="Versions de la déclaration"
      page={() => <PeriodVersions siret={siret} month={month} declarant={declarant} />}
    />
  );
}

function ReturnsRoute() {
  const declarant = useDeclarant();
  return <SignedIn title="Retours" page={(account) => <Returns account={account} declarant={declarant} />} />;
}

/** The declarant space's pages, routed in the browser under `/espace/`. */
export function App() {
  return (
    <Switch>
      <Route path="/espace/">
        <SignedIn title="Tableau de bord" page={(account) => <Dashboard account={account} />} />
      </Route>
      <Route path="/espace/deposer">
        <SignedIn title="Déposer un fichier" page={(account) => <DepositFile account={account} />} />
      </Route>
      <Route path="/espace/retours">
        <ReturnsRoute />
      </Route>
      <Route path="/espace/depots/:id">{(params) => <DepositRoute id={params.id} />}</Route>
      <Route path="/espace/periodes/:siret/:month">
        {(params) => <PeriodRoute siret={params.siret} month={params.month} />}
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}
