import { Badge } from '@codegouvfr/react-dsfr/Badge.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import {
  ApiError,
  apiLink,
  getJson,
  sendJson,
  type AccountView,
  type ReturnCounts,
  type ReturnsPage,
  type ReturnView,
} from '../api.ts';
import { frenchDayTime, frenchNumber } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import { Failure, PageTitle, Shown } from '../states.tsx';
import { useUnread } from '../unread.tsx';
import { useLoaded } from '../use-api.ts';

/** Returns per page of the timeline. */
const pageSize = 20;
/** Above every position: the first page reads back from the newest return. */
const newest = Number.MAX_SAFE_INTEGER;

const statusLabels: Record<string, string> = {
  accepted: 'accepté',
  partially_accepted: 'accepté en partie',
  rejected: 'rejeté',
};

function summaryOf(event: ReturnView): string {
  const s = event.summary as {
    status?: string;
    blocking?: number;
    nonBlocking?: number;
    declarations?: number;
  };
  const parts: string[] = [];
  if (s.status) parts.push(`dépôt ${statusLabels[s.status] ?? s.status}`);
  if (s.blocking !== undefined)
    parts.push(
      `${frenchNumber(s.blocking)} anomalie${s.blocking > 1 ? 's' : ''} bloquante${s.blocking > 1 ? 's' : ''}`,
    );
  if (s.nonBlocking !== undefined)
    parts.push(`${frenchNumber(s.nonBlocking)} non bloquante${s.nonBlocking > 1 ? 's' : ''}`);
  if (s.declarations !== undefined)
    parts.push(
      `${frenchNumber(s.declarations)} déclaration${s.declarations > 1 ? 's' : ''} certifiée${s.declarations > 1 ? 's' : ''}`,
    );
  return parts.join(', ');
}

function EventLinks({ event, declarant }: { event: ReturnView; declarant: string }) {
  const { links } = event;
  return (
    <ul className="relais-liens">
      {event.depositId && (
        <li>
          <AppLink className="fr-link" href={`/espace/depots/${event.depositId}?declarant=${declarant}`}>
            Le dépôt et son bilan
          </AppLink>
        </li>
      )}
      {links['file'] && (
        <li>
          <a className="fr-link fr-link--download" href={apiLink(links['file'], declarant)} download>
            Le fichier déposé
          </a>
        </li>
      )}
      {links['report'] && (
        <li>
          <a className="fr-link" href={apiLink(links['report'], declarant, { format: 'pdf' })} download>
            Le bilan en PDF
          </a>
        </li>
      )}
      {links['certificate'] && (
        <li>
          <a className="fr-link fr-link--download" href={apiLink(links['certificate'], declarant)} download>
            Le certificat de conformité (PDF)
          </a>
        </li>
      )}
      {links['verification'] && (
        <li>
          <a className="fr-link" href={links['verification']}>
            Sa page de vérification publique
          </a>
        </li>
      )}
    </ul>
  );
}

function Timeline({ events, read, declarant }: { events: ReturnView[]; read: number; declarant: string }) {
  return (
    <ol className="relais-frise" aria-label="Retours, du plus récent au plus ancien">
      {events.map((event) => (
        <li key={event.position} className="relais-frise__evenement">
          <p className="fr-text--sm fr-mb-1v">
            <time dateTime={event.at}>{frenchDayTime(event.at)}</time>
            {event.position > read && (
              <>
                {' '}
                <Badge small severity="new">
                  Non lu
                </Badge>
              </>
            )}
          </p>
          <h3 className="fr-h6 fr-mb-1v">{event.label}</h3>
          <p className="fr-mb-1v">{summaryOf(event)}</p>
          <EventLinks event={event} declarant={declarant} />
        </li>
      ))}
    </ol>
  );
}

interface FirstRead {
  counts: ReturnCounts;
  page: ReturnsPage;
}

/**
 * One declarant's returns as a timeline, newest first, read from the same stream integrators
 * read, page after page towards the oldest. What was unread when the page opened is marked so,
 * then the account's read position moves to the newest return shown.
 */
function DeclarantReturns({ declarant }: { declarant: string }) {
  const unread = useUnread();
  const loaded = useLoaded<FirstRead>(`retours|${declarant}`, async () => {
    const [counts, page] = await Promise.all([
      getJson<ReturnCounts>('/v1/retours/compteurs', declarant),
      getJson<ReturnsPage>(`/v1/retours?avant=${newest}&limite=${pageSize}`, declarant),
    ]);
    return { counts, page };
  });
  const [older, setOlder] = useState<{ events: ReturnView[]; next: number; more: boolean } | null>(null);
  const [olderFailure, setOlderFailure] = useState<ApiError | null>(null);
  const first = loaded.state === 'ready' ? loaded.data : null;
  useEffect(() => {
    const top = first?.page.events[0]?.position;
    if (first && top !== undefined && top > first.counts.from)
      sendJson('PUT', '/v1/retours/lu', { position: top }, declarant).then(unread.refresh, () => undefined);
    // Marked once per first read: `unread` changes when the counts are read again.
  }, [first]);

  return (
    <Shown loaded={loaded} what="des retours">
      {({ counts, page }) => {
        const events = [...page.events, ...(older?.events ?? [])];
        const more = older ? older.more : page.more;
        const next = older ? older.next : page.next;
        const loadOlder = () =>
          getJson<ReturnsPage>(`/v1/retours?avant=${next}&limite=${pageSize}`, declarant).then(
            (p) => setOlder({ events: [...(older?.events ?? []), ...p.events], next: p.next, more: p.more }),
            (error: ApiError) => setOlderFailure(error),
          );
        return (
          <>
            <p>
              {counts.unread === 0
                ? 'Aucun retour non lu.'
                : `${frenchNumber(counts.unread)} retour${counts.unread > 1 ? 's' : ''} non lu${counts.unread > 1 ? 's' : ''} à l’ouverture de la page : ${[
                    counts.byKind.ACCUSE_RECEPTION &&
                      `${frenchNumber(counts.byKind.ACCUSE_RECEPTION)} accusé(s) de réception`,
                    counts.byKind.BILAN_ANOMALIES &&
                      `${frenchNumber(counts.byKind.BILAN_ANOMALIES)} bilan(s) d’anomalies`,
                    counts.byKind.CERTIFICAT_CONFORMITE &&
                      `${frenchNumber(counts.byKind.CERTIFICAT_CONFORMITE)} certificat(s) de conformité`,
                  ]
                    .filter(Boolean)
                    .join(', ')}.`}
            </p>
            {events.length === 0 ? (
              <p>
                Aucun retour pour l’instant : chaque dépôt en envoie au moins un, son accusé de réception.
              </p>
            ) : (
              <Timeline events={events} read={counts.from} declarant={declarant} />
            )}
            {olderFailure && <Failure error={olderFailure} />}
            {more && (
              <button className="fr-btn fr-btn--secondary" type="button" onClick={() => void loadOlder()}>
                Retours plus anciens
              </button>
            )}
          </>
        );
      }}
    </Shown>
  );
}

export function Returns({ account, declarant }: { account: AccountView; declarant: string }) {
  const [, navigate] = useLocation();
  const { counts } = useUnread();
  const chosen = declarant || account.portfolio[0]?.declarantId || '';
  const unreadOf = (id: string) => counts?.declarants.find((d) => d.declarantId === id)?.unread ?? 0;
  return (
    <Layout title="Retours">
      <PageTitle>Retours</PageTitle>
      <p>
        Tout ce que Relais vous renvoie, du plus récent au plus ancien : accusés de réception, bilans
        d’anomalies, certificats de conformité. Les mêmes retours se lisent par l’API (
        <code>GET /v1/retours</code>).
      </p>
      {account.portfolio.length === 0 ? (
        <p>Aucun déclarant n’est rattaché à votre compte.</p>
      ) : (
        <>
          {account.portfolio.length > 1 && (
            <Select
              label="Déclarant"
              hint="Avec les retours non lus de chacun"
              nativeSelectProps={{
                value: chosen,
                onChange: (e) => navigate(`/espace/retours?declarant=${e.target.value}`),
              }}
            >
              {account.portfolio.map((p) => (
                <option key={p.declarantId} value={p.declarantId}>
                  {p.name} ({p.scope}) — {frenchNumber(unreadOf(p.declarantId))} non lu
                  {unreadOf(p.declarantId) > 1 ? 's' : ''}
                </option>
              ))}
            </Select>
          )}
          <DeclarantReturns key={chosen} declarant={chosen} />
        </>
      )}
    </Layout>
  );
}
