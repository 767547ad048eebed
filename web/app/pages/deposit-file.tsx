import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useRef, useState, type DragEvent } from 'react';
import { uploadDeposit, type AccountView, type DepositOutcome } from '../api.ts';
import { frenchNumber, frenchSize } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import { selfCheck, type SelfCheckReport } from '../self-check.ts';
import { PageTitle } from '../states.tsx';
import { DepositSummary, ReportGroups } from './deposit-detail.tsx';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; file: File; bytes: number }
  | { kind: 'checked'; file: File; report: SelfCheckReport }
  | { kind: 'uploading'; file: File; report: SelfCheckReport; fraction: number }
  | { kind: 'deposited'; outcome: DepositOutcome }
  | { kind: 'failed'; file: File | null; message: string };

/**
 * Deposit a file: chosen or dropped, self-checked in the browser first (nothing sent), then sent
 * with a progress bar; the acknowledgement and the report come back at once.
 */
export function DepositFile({ account }: { account: AccountView }) {
  const [declarant, setDeclarant] = useState(account.portfolio[0]?.declarantId ?? '');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const check = (file: File) => {
    setStep({ kind: 'checking', file, bytes: 0 });
    selfCheck(file, (bytes) => setStep({ kind: 'checking', file, bytes })).then(
      (report) => setStep({ kind: 'checked', file, report }),
      (error: Error) =>
        setStep({
          kind: 'failed',
          file,
          message: `L’auto-contrôle n’a pas pu lire ce fichier : ${error.message}`,
        }),
    );
  };
  const send = (file: File, report: SelfCheckReport) => {
    setStep({ kind: 'uploading', file, report, fraction: 0 });
    uploadDeposit(file, declarant, (fraction) => setStep({ kind: 'uploading', file, report, fraction })).then(
      (outcome) => setStep({ kind: 'deposited', outcome }),
      (error: Error) => setStep({ kind: 'failed', file, message: error.message }),
    );
  };
  const dropped = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) check(file);
  };

  if (account.portfolio.length === 0)
    return (
      <Layout title="Déposer un fichier">
        <PageTitle>Déposer un fichier</PageTitle>
        <p>Aucun déclarant n’est rattaché à votre compte : vous ne pouvez pas encore déposer.</p>
      </Layout>
    );

  return (
    <Layout title="Déposer un fichier">
      <PageTitle>Déposer un fichier</PageTitle>
      {account.portfolio.length > 1 && (
        <Select
          label="Pour le déclarant"
          nativeSelectProps={{ value: declarant, onChange: (e) => setDeclarant(e.target.value) }}
        >
          {account.portfolio.map((p) => (
            <option key={p.declarantId} value={p.declarantId}>
              {p.name} ({p.scope})
            </option>
          ))}
        </Select>
      )}
      <div
        className={`relais-depot fr-mb-3w${over ? ' relais-depot--survol' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={dropped}
      >
        <div className="fr-upload-group">
          <label className="fr-label" htmlFor="fichier">
            Fichier DSN à déposer, ou glissez-le ici
            <span className="fr-hint-text">
              Il est d’abord contrôlé dans votre navigateur, sans être envoyé ; vous le déposez ensuite.
            </span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id="fichier"
            ref={input}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) check(file);
            }}
          />
        </div>
      </div>
      <div aria-live="polite">
        {step.kind === 'checking' && (
          <p role="status">
            Auto-contrôle de {step.file.name} : {frenchSize(step.bytes)} lus sur {frenchSize(step.file.size)}…
          </p>
        )}
        {step.kind === 'failed' && (
          <Alert severity="error" title="Le dépôt n’a pas abouti" description={step.message} />
        )}
        {(step.kind === 'checked' || step.kind === 'uploading') && (
          <>
            <h2>Auto-contrôle de {step.file.name}</h2>
            <p>
              {frenchNumber(step.report.summary.blocking)} anomalie
              {step.report.summary.blocking > 1 ? 's' : ''} bloquante
              {step.report.summary.blocking > 1 ? 's' : ''}, {frenchNumber(step.report.summary.nonBlocking)}{' '}
              non bloquante
              {step.report.summary.nonBlocking > 1 ? 's' : ''}.
              {step.report.summary.blocking > 0 &&
                ' Déposé tel quel, il sera rejeté en tout ou partie : corrigez-le d’abord si vous le pouvez.'}
            </p>
            {step.kind === 'checked' ? (
              <button className="fr-btn fr-mb-3w" type="button" onClick={() => send(step.file, step.report)}>
                Déposer {step.file.name}
              </button>
            ) : (
              <p role="status">
                <label htmlFor="envoi">Envoi en cours : </label>
                <progress id="envoi" max={1} value={step.fraction}>
                  {Math.round(step.fraction * 100)} %
                </progress>
              </p>
            )}
            <ReportGroups report={step.report} />
          </>
        )}
        {step.kind === 'deposited' && (
          <>
            <Alert
              severity={step.outcome.status === 'rejected' ? 'error' : 'success'}
              title={step.outcome.duplicate ? 'Ce fichier avait déjà été déposé' : 'Fichier déposé'}
              description={
                step.outcome.duplicate
                  ? 'Les mêmes octets ont déjà été reçus : voici le dépôt d’origine, rien n’est enregistré deux fois.'
                  : `Résultat : ${step.outcome.statusLabel.toLowerCase()}.`
              }
            />
            <DepositSummary outcome={step.outcome} />
            <p>
              <AppLink
                className="fr-link"
                href={`/espace/depots/${step.outcome.acknowledgement.depositId}?declarant=${declarant}`}
              >
                Le bilan complet du dépôt
              </AppLink>
            </p>
          </>
        )}
      </div>
    </Layout>
  );
}
