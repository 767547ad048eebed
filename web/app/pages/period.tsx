import { Badge } from '@codegouvfr/react-dsfr/Badge.js';
import type { DeclarationView } from '../api.ts';
import { frenchDayTime, frenchMonth, frenchSiret } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import { PageTitle, Shown } from '../states.tsx';
import { useApi } from '../use-api.ts';

const severities = { conform: 'success', rejected: 'error', superseded: 'info', cancelled: 'info' } as const;

/** The versions of one establishment's one month: the annule-et-remplace history, in knowledge time. */
export function PeriodVersions({
  siret,
  month,
  declarant,
}: {
  siret: string;
  month: string;
  declarant: string;
}) {
  const loaded = useApi<{ declarations: DeclarationView[] }>(
    `/v1/declarations?${new URLSearchParams({ siret, month }).toString()}`,
    declarant,
  );
  const title = `${frenchSiret(siret)}, ${frenchMonth(month)}`;
  return (
    <Layout title={`Versions — ${title}`}>
      <PageTitle>Versions de la déclaration</PageTitle>
      <p className="fr-text--lead">
        Établissement {frenchSiret(siret)}, {frenchMonth(month)}
      </p>
      <Shown loaded={loaded} what="des versions">
        {({ declarations }) =>
          declarations.length === 0 ? (
            <p>Aucune déclaration pour cet établissement et ce mois.</p>
          ) : (
            <ol>
              {declarations
                .toSorted((a, b) => a.receivedAt.localeCompare(b.receivedAt))
                .map((d) => (
                  <li key={d.id} className="fr-mb-2w">
                    <Badge small severity={severities[d.status]}>
                      {d.statusLabel}
                    </Badge>{' '}
                    {d.typeLabel ?? d.type ?? 'type inconnu'}, reçue le {frenchDayTime(d.receivedAt)}
                    <br />
                    Connue du {frenchDayTime(d.knownFrom)}
                    {d.knownTo ? ` au ${frenchDayTime(d.knownTo)}` : ' à aujourd’hui'}
                    <br />
                    <AppLink href={`/espace/depots/${d.depositId}?declarant=${declarant}`}>
                      Le dépôt<span className="fr-sr-only"> du {frenchDayTime(d.receivedAt)}</span>
                    </AppLink>
                  </li>
                ))}
            </ol>
          )
        }
      </Shown>
    </Layout>
  );
}
