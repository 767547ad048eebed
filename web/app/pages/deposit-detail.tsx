import { Badge } from '@codegouvfr/react-dsfr/Badge.js';
import { apiLink, type DepositOutcome } from '../api.ts';
import { frenchDay, frenchDayTime, frenchMonth, frenchNumber, frenchSiret, frenchSize } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import { PageTitle, Shown } from '../states.tsx';
import { useApi } from '../use-api.ts';

/** Official controls are in the published referential; Relais's own checks (`RELAIS-…`) are not. */
const inReferential = (code: string) => /^S\d{2}\.G\d{2}\./.test(code);

export function ReportGroups({ report }: { report: DepositOutcome['report'] }) {
  if (report.groups.length === 0) return <p>Aucune anomalie : le fichier est conforme.</p>;
  return (
    <ul className="relais-anomalies">
      {report.groups.map((group) => {
        const sample = report.diagnostics.find((d) => d.code === group.code);
        return (
          <li key={group.code} className="fr-mb-2w">
            <h3 className="fr-h6 fr-mb-1v">
              <Badge small severity={group.severity === 'blocking' ? 'error' : 'warning'}>
                {group.severity === 'blocking' ? 'Bloquante' : 'Non bloquante'}
              </Badge>{' '}
              <code>{group.code}</code> — {frenchNumber(group.count)} occurrence{group.count > 1 ? 's' : ''}
            </h3>
            <p className="fr-mb-1v">{group.message}</p>
            {sample?.hint && <p className="fr-mb-1v">Pour corriger : {sample.hint}</p>}
            {sample?.line !== undefined && (
              <p className="fr-hint-text fr-mb-1v">
                Première occurrence ligne {frenchNumber(sample.line)}
                {sample.rubric ? `, rubrique ${sample.rubric}` : ''}
                {sample.value !== undefined ? ` (valeur « ${sample.value} »)` : ''}
              </p>
            )}
            {inReferential(group.code) && (
              <a className="fr-link" href={`/referentiel/#${encodeURIComponent(group.code)}`}>
                Le contrôle {group.code} dans le référentiel
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface CertificateReference {
  code: string;
  issuedAt: string;
  certificate: string;
  verification: string;
}

/**
 * A deposit of which something was accepted has its certificate of conformity: the PDF to
 * download, and its verification code, which anyone holding the PDF checks on the public page.
 */
function Certificate({ id, declarant }: { id: string; declarant: string }) {
  const loaded = useApi<CertificateReference>(
    `/v1/depots/${encodeURIComponent(id)}/certificat?format=json`,
    declarant,
  );
  return (
    <>
      <h2>Certificat de conformité</h2>
      <Shown loaded={loaded} what="du certificat">
        {(certificate) => (
          <>
            <p>
              Délivré le {frenchDayTime(certificate.issuedAt)}, code de vérification{' '}
              <code className="relais-code">{certificate.code}</code>.
            </p>
            <ul className="relais-liens">
              <li>
                <a
                  className="fr-link fr-link--download"
                  href={apiLink(certificate.certificate, declarant)}
                  download={`certificat-${id}.pdf`}
                >
                  Télécharger le certificat de conformité <span className="fr-link__detail">PDF</span>
                </a>
              </li>
              <li>
                <a className="fr-link" href={certificate.verification}>
                  Vérifier le code {certificate.code}
                </a>
              </li>
            </ul>
          </>
        )}
      </Shown>
    </>
  );
}

const statusSeverity = { accepted: 'success', partially_accepted: 'warning', rejected: 'error' } as const;

export function DepositSummary({ outcome }: { outcome: DepositOutcome }) {
  const a = outcome.acknowledgement;
  return (
    <>
      <p>
        <Badge severity={statusSeverity[outcome.status]}>{outcome.statusLabel}</Badge>
      </p>
      <h2>Accusé de réception</h2>
      <dl className="relais-accuse">
        <dt>Dépôt</dt>
        <dd>
          <code>{a.depositId}</code>
        </dd>
        <dt>Reçu le</dt>
        <dd>{frenchDayTime(a.receivedAt)}</dd>
        <dt>Fichier</dt>
        <dd className="relais-fichier">
          {a.fileName ?? '(sans nom)'}, {frenchSize(a.size)}
        </dd>
        <dt>Empreinte SHA-256</dt>
        <dd>
          <code className="relais-empreinte">{a.sha256}</code>
        </dd>
        <dt>Contrôle</dt>
        <dd>
          norme {outcome.summary.norm ?? 'inconnue'}, {frenchNumber(outcome.summary.declarations)} déclaration
          {outcome.summary.declarations > 1 ? 's' : ''}, {frenchNumber(outcome.summary.individuals)}{' '}
          individus, {frenchNumber(outcome.summary.blocking)} anomalie
          {outcome.summary.blocking > 1 ? 's' : ''} bloquante
          {outcome.summary.blocking > 1 ? 's' : ''}, {frenchNumber(outcome.summary.nonBlocking)} non bloquante
          {outcome.summary.nonBlocking > 1 ? 's' : ''}
        </dd>
      </dl>
    </>
  );
}

export function DepositDetail({ id, declarant }: { id: string; declarant: string }) {
  const loaded = useApi<DepositOutcome>(`/v1/depots/${encodeURIComponent(id)}/bilan`, declarant);
  return (
    <Layout title="Dépôt">
      <PageTitle>Dépôt</PageTitle>
      <Shown loaded={loaded} what="du dépôt">
        {(outcome) => (
          <>
            <DepositSummary outcome={outcome} />
            <h2>Déclarations</h2>
            {outcome.declarations.length === 0 ? (
              <p>Aucune déclaration n’a pu être lue dans ce fichier.</p>
            ) : (
              <ul>
                {outcome.declarations.map((d) => (
                  <li key={d.id}>
                    {d.siret ? frenchSiret(d.siret) : 'SIRET illisible'},{' '}
                    {d.month ? frenchMonth(d.month) : 'mois illisible'} — {d.statusLabel}
                    {d.deadline && `, échéance le ${frenchDay(d.deadline)}`}
                    {d.late && ' (en retard)'}
                    {d.siret && d.month && (
                      <>
                        {' '}
                        <AppLink href={`/espace/periodes/${d.siret}/${d.month}?declarant=${declarant}`}>
                          versions
                          <span className="fr-sr-only">
                            {' '}
                            de {frenchSiret(d.siret)} pour {frenchMonth(d.month)}
                          </span>
                        </AppLink>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {outcome.status !== 'rejected' && <Certificate id={id} declarant={declarant} />}
            <h2>Bilan de conformité</h2>
            <ReportGroups report={outcome.report} />
            <h2>Téléchargements</h2>
            <ul>
              <li>
                <a
                  className="fr-link fr-link--download"
                  href={apiLink(`/v1/depots/${id}/fichier`, declarant)}
                  download
                >
                  Le fichier déposé, tel que reçu
                </a>
              </li>
              <li>
                <a
                  className="fr-link fr-link--download"
                  href={apiLink(`/v1/depots/${id}/bilan`, declarant, { format: 'json' })}
                  download={`bilan-${id}.json`}
                >
                  Le bilan au format JSON
                </a>
              </li>
              <li>
                <a
                  className="fr-link fr-link--download"
                  href={apiLink(`/v1/depots/${id}/bilan`, declarant, { format: 'csv' })}
                  download={`bilan-${id}.csv`}
                >
                  Le bilan au format CSV{' '}
                  <span className="fr-link__detail">tableur, une ligne par anomalie</span>
                </a>
              </li>
              <li>
                <a
                  className="fr-link fr-link--download"
                  href={apiLink(`/v1/depots/${id}/bilan`, declarant, { format: 'pdf' })}
                  download={`bilan-${id}.pdf`}
                >
                  Le bilan au format PDF
                </a>
              </li>
              <li>
                <a
                  className="fr-link"
                  href={apiLink(`/v1/depots/${id}/bilan`, declarant, { format: 'html' })}
                >
                  Le bilan en page imprimable
                </a>
              </li>
            </ul>
          </>
        )}
      </Shown>
    </Layout>
  );
}
