import { Badge } from '@codegouvfr/react-dsfr/Badge.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { useState } from 'react';
import { getJson, type AccountView, type DeclarationView, type DepositListItem } from '../api.ts';
import { frenchDay, frenchDayTime, frenchMonth, frenchNumber, frenchSiret } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import {
  byMonthThenSiret,
  isLate,
  periodsOf,
  stateLabels,
  stateOf,
  type Period,
  type PortfolioEntry,
} from '../portfolio.ts';
import { gapsOf, type Gap } from '../expected-months.ts';
import { PageTitle, Shown } from '../states.tsx';
import { useLoaded } from '../use-api.ts';

interface PortfolioData {
  periods: Period[];
  gaps: Gap[];
  deposits: (DepositListItem & { declarant: PortfolioEntry })[];
}

/** Each declarant's declarations and deposits, read as an integrator would, one declarant at a time. */
async function readPortfolio(account: AccountView): Promise<PortfolioData> {
  const read = await Promise.all(
    account.portfolio.map(async (declarant) => {
      const [{ declarations }, { deposits }] = await Promise.all([
        getJson<{ declarations: DeclarationView[] }>('/v1/declarations?limit=500', declarant.declarantId),
        getJson<{ deposits: DepositListItem[] }>('/v1/depots?limit=20', declarant.declarantId),
      ]);
      return {
        periods: periodsOf(declarant, declarations),
        deposits: deposits.map((d) => ({ ...d, declarant })),
      };
    }),
  );
  const periods = read.flatMap((r) => r.periods).sort(byMonthThenSiret);
  return {
    periods,
    gaps: gapsOf(periods, new Date()),
    deposits: read
      .flatMap((r) => r.deposits)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
      .slice(0, 20),
  };
}

type StateFilter = 'tous' | 'conform' | 'rejected' | 'late' | 'expected' | 'missing';

/** A row of the declarations table: a month declared, or one not (expected, or missing). */
type Row = { kind: 'period'; period: Period } | { kind: 'gap'; gap: Gap };

const rowKey = (row: Row) => (row.kind === 'period' ? row.period : row.gap);

const depositStatuses: Record<
  DepositListItem['status'],
  { label: string; severity: 'success' | 'warning' | 'error' }
> = {
  accepted: { label: 'Accepté', severity: 'success' },
  partially_accepted: { label: 'Accepté en partie', severity: 'warning' },
  rejected: { label: 'Rejeté', severity: 'error' },
};

function Counts({ periods, gaps }: { periods: Period[]; gaps: Gap[] }) {
  const counts = [
    { label: 'périodes déclarées', value: periods.length },
    { label: 'conformes', value: periods.filter((p) => stateOf(p) === 'conform').length },
    { label: 'rejetées', value: periods.filter((p) => stateOf(p) === 'rejected').length },
    { label: 'déposées en retard', value: periods.filter(isLate).length },
    { label: 'attendues', value: gaps.filter((g) => g.state === 'expected').length },
    { label: 'manquantes', value: gaps.filter((g) => g.state === 'missing').length },
  ];
  return (
    <ul
      className="fr-grid-row fr-grid-row--gutters fr-mb-3w relais-chiffres"
      aria-label="Chiffres du portefeuille"
    >
      {counts.map((c) => (
        <li key={c.label} className="fr-col-6 fr-col-md-2">
          <p className="fr-mb-0">
            <strong className="fr-h3 fr-mb-0">{frenchNumber(c.value)}</strong>
            <br />
            {c.label}
          </p>
        </li>
      ))}
    </ul>
  );
}

function GapRow({ gap }: { gap: Gap }) {
  return (
    <tr>
      <td>
        <span className="relais-siret">{frenchSiret(gap.siret)}</span>
        <br />
        <span className="fr-hint-text">{gap.declarant.name}</span>
      </td>
      <td>{frenchMonth(gap.month)}</td>
      <td>{frenchDay(gap.deadline)}</td>
      <td>
        {gap.state === 'expected' ? (
          <Badge small severity="info">
            Attendue
          </Badge>
        ) : (
          <Badge small severity="error">
            Manquante, en retard
          </Badge>
        )}
      </td>
      <td>Aucune</td>
    </tr>
  );
}

function PeriodsTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p>Aucune déclaration ne correspond à ces filtres.</p>;
  return (
    <div className="fr-table fr-table--no-caption">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>Déclarations par établissement et par mois</caption>
              <thead>
                <tr>
                  <th scope="col">Établissement</th>
                  <th scope="col">Mois</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">État</th>
                  <th scope="col">Versions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  if (row.kind === 'gap')
                    return <GapRow key={`${row.gap.siret}|${row.gap.month}`} gap={row.gap} />;
                  const p = row.period;
                  const state = stateOf(p);
                  const versions = `/espace/periodes/${p.siret}/${p.month}?declarant=${p.declarant.declarantId}`;
                  return (
                    <tr key={`${p.siret}|${p.month}`}>
                      <td>
                        <span className="relais-siret">{frenchSiret(p.siret)}</span>
                        <br />
                        <span className="fr-hint-text">{p.declarant.name}</span>
                      </td>
                      <td>{frenchMonth(p.month)}</td>
                      <td>{p.current.deadline ? frenchDay(p.current.deadline) : '—'}</td>
                      <td>
                        <Badge
                          small
                          severity={state === 'conform' ? 'success' : state === 'rejected' ? 'error' : 'info'}
                        >
                          {stateLabels[state]}
                        </Badge>{' '}
                        {isLate(p) && (
                          <Badge small severity="warning">
                            En retard
                          </Badge>
                        )}
                      </td>
                      <td>
                        <AppLink href={versions}>
                          {p.versions.length} version{p.versions.length > 1 ? 's' : ''}
                          <span className="fr-sr-only">
                            {' '}
                            de {frenchSiret(p.siret)} pour {frenchMonth(p.month)}
                          </span>
                        </AppLink>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function DepositsTable({ deposits }: { deposits: PortfolioData['deposits'] }) {
  if (deposits.length === 0) return <p>Aucun dépôt pour l’instant.</p>;
  return (
    <div className="fr-table fr-table--no-caption">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>Derniers dépôts</caption>
              <thead>
                <tr>
                  <th scope="col">Reçu le</th>
                  <th scope="col">Fichier</th>
                  <th scope="col">Déclarant</th>
                  <th scope="col">Résultat</th>
                </tr>
              </thead>
              <tbody>
                {deposits.map((d) => (
                  <tr key={d.depositId}>
                    <td>
                      <AppLink href={`/espace/depots/${d.depositId}?declarant=${d.declarant.declarantId}`}>
                        {frenchDayTime(d.receivedAt)}
                      </AppLink>
                    </td>
                    <td className="relais-fichier">{d.fileName ?? '(sans nom)'}</td>
                    <td>{d.declarant.name}</td>
                    <td>
                      <Badge small severity={depositStatuses[d.status].severity}>
                        {depositStatuses[d.status].label}
                      </Badge>
                      {d.blocking > 0 && (
                        <>
                          <br />
                          {frenchNumber(d.blocking)} anomalie{d.blocking > 1 ? 's' : ''} bloquante
                          {d.blocking > 1 ? 's' : ''}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

export function Dashboard({ account }: { account: AccountView }) {
  const loaded = useLoaded(`portefeuille|${account.id}`, () => readPortfolio(account));
  const [declarant, setDeclarant] = useState('tous');
  const [state, setState] = useState<StateFilter>('tous');
  const [siret, setSiret] = useState('');
  return (
    <Layout title="Tableau de bord">
      <PageTitle>Tableau de bord</PageTitle>
      {account.portfolio.length === 0 ? (
        <p className="fr-text--lead">
          Aucun déclarant n’est rattaché à votre compte ({account.email}). Demandez à l’opérateur de Relais de
          vous rattacher aux entreprises pour lesquelles vous déclarez.
        </p>
      ) : (
        <Shown loaded={loaded} what="du portefeuille">
          {(data) => {
            const wanted = (p: { declarant: PortfolioEntry; siret: string }) =>
              (declarant === 'tous' || p.declarant.declarantId === declarant) &&
              p.siret.includes(siret.replace(/\s/g, ''));
            const shown = data.periods.filter(
              (p) =>
                wanted(p) &&
                (state === 'tous' ||
                  (state === 'late'
                    ? isLate(p)
                    : state !== 'expected' && state !== 'missing' && stateOf(p) === state)),
            );
            const gaps = data.gaps.filter((g) => wanted(g) && (state === 'tous' || state === g.state));
            const rows: Row[] = [
              ...shown.map((period) => ({ kind: 'period' as const, period })),
              ...gaps.map((gap) => ({ kind: 'gap' as const, gap })),
            ].sort((a, b) => {
              const x = rowKey(a);
              const y = rowKey(b);
              return y.month.localeCompare(x.month) || x.siret.localeCompare(y.siret);
            });
            return (
              <>
                <p>
                  {account.portfolio.length === 1
                    ? `Vous déclarez pour ${account.portfolio[0]!.name} (${account.portfolio[0]!.scope}).`
                    : `Vous déclarez pour ${account.portfolio.length} entreprises ou établissements.`}{' '}
                  <AppLink className="fr-link" href="/espace/deposer">
                    Déposer un fichier
                  </AppLink>
                </p>
                <Counts periods={shown} gaps={gaps} />
                <form
                  className="fr-grid-row fr-grid-row--gutters"
                  role="search"
                  aria-label="Filtrer les déclarations"
                  onSubmit={(e) => e.preventDefault()}
                >
                  {account.portfolio.length > 1 && (
                    <div className="fr-col-12 fr-col-md-4">
                      <Select
                        label="Déclarant"
                        nativeSelectProps={{
                          value: declarant,
                          onChange: (e) => setDeclarant(e.target.value),
                        }}
                      >
                        <option value="tous">Tous</option>
                        {account.portfolio.map((p) => (
                          <option key={p.declarantId} value={p.declarantId}>
                            {p.name} ({p.scope})
                          </option>
                        ))}
                      </Select>
                    </div>
                  )}
                  <div className="fr-col-12 fr-col-md-4">
                    <Select
                      label="État"
                      nativeSelectProps={{
                        value: state,
                        onChange: (e) => setState(e.target.value as StateFilter),
                      }}
                    >
                      <option value="tous">Tous</option>
                      <option value="conform">Conformes</option>
                      <option value="rejected">Rejetées</option>
                      <option value="late">Déposées en retard</option>
                      <option value="expected">Attendues (échéance à venir)</option>
                      <option value="missing">Manquantes (échéance passée)</option>
                    </Select>
                  </div>
                  <div className="fr-col-12 fr-col-md-4">
                    <Input
                      label="SIRET"
                      hintText="Tout ou partie"
                      nativeInputProps={{
                        value: siret,
                        onChange: (e) => setSiret(e.target.value),
                        inputMode: 'numeric',
                      }}
                    />
                  </div>
                </form>
                <h2 className="fr-mt-3w">Déclarations</h2>
                <PeriodsTable rows={rows} />
                <h2 className="fr-mt-3w">Derniers dépôts</h2>
                <DepositsTable deposits={data.deposits} />
              </>
            );
          }}
        </Shown>
      )}
    </Layout>
  );
}
