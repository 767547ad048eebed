import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useRef, useState, type DragEvent } from 'react';
import { ApiError, uploadDeposit, type AccountView, type DepositOutcome } from '../api.ts';
import { frenchDayTime, frenchNumber, frenchSize } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AppLink } from '../link.tsx';
import { selfCheck, type SelfCheckReport } from '../self-check.ts';
import { signInHref } from '../session.tsx';
import { PageTitle } from '../states.tsx';
import { useApi } from '../use-api.ts';
import { DepositSummary, ReportGroups } from './deposit-detail.tsx';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; file: File; bytes: number }
  | { kind: 'checked'; file: File; report: SelfCheckReport }
  | { kind: 'uploading'; file: File; report: SelfCheckReport; fraction: number }
  | { kind: 'deposited'; outcome: DepositOutcome }
  | { kind: 'failed'; file: File | null; message: string }
  | { kind: 'signed-out'; file: File };

/** What the self-check finds when the file is no declaration at all: sending it would only be refused. */
const notADeclaration = new Set(['RELAIS-FILE-NOT-DSN', 'RELAIS-FILE-EMPTY']);

/** The server's refusal of a session that ended (expired, or signed out in another tab). */
const sessionEnded = (error: unknown) =>
  error instanceof ApiError && (error.code === 'AUTH_INVALID' || error.code === 'AUTH_MISSING');

/**
 * Deposit a file: chosen or dropped, self-checked in the browser first (nothing sent), then sent
 * with a progress bar; the acknowledgement and the report come back at once.
 */
export function DepositFile({ account }: { account: AccountView }) {
  const [declarant, setDeclarant] = useState(account.portfolio[0]?.declarantId ?? '');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const limits = useApi<{ maxDepositBytes: number }>('/v1/depots/limites');
  const maxBytes = limits.state === 'ready' ? limits.data.maxDepositBytes : null;

  const check = (file: File) => {
    if (maxBytes !== null && file.size > maxBytes) {
      setStep({
        kind: 'failed',
        file,
        message: `Le fichier ${file.name} (${frenchSize(file.size)}) dépasse la taille maximale d’un dépôt (${frenchSize(maxBytes)}) : il n’a été ni contrôlé ni envoyé. Déposez-le en plusieurs fichiers, par établissement.`,
      });
      return;
    }
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
      (error: Error) =>
        setStep(
          sessionEnded(error)
            ? { kind: 'signed-out', file }
            : { kind: 'failed', file, message: error.message },
        ),
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
              {maxBytes !== null && ` Taille maximale : ${frenchSize(maxBytes)}.`}
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
        {step.kind === 'signed-out' && (
          <Alert
            severity="error"
            title="Votre session a expiré pendant l’envoi"
            description={
              <>
                Rien n’a été enregistré : {step.file.name} n’est pas déposé.{' '}
                <a href={signInHref()}>Reconnectez-vous</a>, puis choisissez à nouveau le fichier.
              </>
            }
          />
        )}
        {step.kind === 'checked' && step.report.groups.some((g) => notADeclaration.has(g.code)) && (
          <Alert
            severity="error"
            title={`${step.file.name} n’est pas une déclaration DSN ou PASRAU`}
            description="Chaque ligne d’une déclaration a la forme S21.G00.30.001,'valeur'. Vérifiez que vous avez choisi le fichier exporté par votre logiciel de paie (et non un PDF, un tableur ou une archive) : ce fichier n’a pas été envoyé."
          />
        )}
        {(step.kind === 'checked' || step.kind === 'uploading') &&
          !step.report.groups.some((g) => notADeclaration.has(g.code)) && (
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
                <button
                  className="fr-btn fr-mb-3w"
                  type="button"
                  onClick={() => send(step.file, step.report)}
                >
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
              severity={
                step.outcome.duplicate ? 'info' : step.outcome.status === 'rejected' ? 'error' : 'success'
              }
              title={step.outcome.duplicate ? 'Ce fichier avait déjà été déposé' : 'Fichier déposé'}
              description={
                step.outcome.duplicate
                  ? `Les mêmes octets ont déjà été reçus le ${frenchDayTime(step.outcome.acknowledgement.receivedAt)} (peut-être depuis un autre onglet) : rien n’est enregistré deux fois. Voici le dépôt d’origine, ${step.outcome.statusLabel.toLowerCase()}.`
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
