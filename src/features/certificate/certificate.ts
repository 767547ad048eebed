import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { Certificate, Executor } from '../../platform/store/schema.ts';
import { findDeclarant } from '../declarant/declarants.ts';
import { readOwnDeposit } from '../deposit/deposit-reads.ts';
import { loadOutcome, type DepositView } from '../deposit/views.ts';
import { findCertificateByCode, findCertificateOfDeposit } from './certificate-repository.ts';
import { normaliseVerificationCode } from './code.ts';
import { issueLateCertificate } from './issue.ts';

/**
 * What a certificate of conformity states, read from the deposit it certifies: who deposited,
 * which file, which declarations and how each fared, under which norm, when, and the code that
 * proves it. The same content makes the PDF and the public verification page, which must agree.
 */
export interface CertificateContent {
  code: string;
  issuedAt: Date;
  /** Null for a deposit made on the server itself (`relais ingest`), without a declarant. */
  declarant: { name: string; scope: string } | null;
  deposit: {
    id: string;
    fileName: string | null;
    sha256: string;
    size: number;
    receivedAt: Date;
    decidedAt: Date;
    status: DepositView['status'];
    statusLabel: string;
    norm: string | null;
    nonBlocking: number;
  };
  declarations: {
    siret: string | null;
    /** `YYYY-MM`. */
    month: string | null;
    nature: string | null;
    natureLabel: string | null;
    typeLabel: string | null;
    /** At the deposit: a later replacement does not change what was certified. */
    accepted: boolean;
  }[];
}

async function contentOf(ex: Executor, certificate: Certificate, deposit: DepositView) {
  const declarant = deposit.declarantId !== null ? await findDeclarant(ex, deposit.declarantId) : undefined;
  return {
    code: certificate.code,
    issuedAt: certificate.issued_at,
    declarant: declarant ? { name: declarant.name, scope: declarant.scope } : null,
    deposit: {
      id: deposit.acknowledgement.depositId,
      fileName: deposit.acknowledgement.fileName,
      sha256: deposit.acknowledgement.sha256,
      size: deposit.acknowledgement.size,
      receivedAt: new Date(deposit.acknowledgement.receivedAt),
      decidedAt: new Date(deposit.decidedAt),
      status: deposit.status,
      statusLabel: deposit.statusLabel,
      norm: deposit.summary.norm,
      nonBlocking: deposit.summary.nonBlocking,
    },
    declarations: deposit.declarations.map((d) => ({
      siret: d.siret,
      month: d.month,
      nature: d.nature,
      natureLabel: d.natureLabel,
      typeLabel: d.typeLabel,
      accepted: d.status !== 'rejected',
    })),
  } satisfies CertificateContent;
}

/**
 * The certificate of one of the caller's deposits; a rejected deposit has none. An accepted deposit
 * recorded before certificates existed gets its own now, rather than a refusal that would call it
 * rejected.
 */
export async function ownCertificate(
  ex: Executor,
  caller: DeclarantCaller,
  depositId: string,
): Promise<CertificateContent> {
  const deposit = await readOwnDeposit(ex, caller, depositId);
  const id = deposit.acknowledgement.depositId;
  const certificate =
    (await findCertificateOfDeposit(ex, id)) ??
    (deposit.status !== 'rejected' ? await issueLateCertificate(ex, id) : undefined);
  if (!certificate) {
    throw new AppError(
      'CERTIFICATE_UNAVAILABLE',
      `Le dépôt ${depositId} a été rejeté : aucune de ses déclarations n'a été acceptée, il n'a donc pas de certificat de conformité. Son bilan dit pourquoi : /v1/depots/${depositId}/bilan.`,
      { parameter: 'id' },
    );
  }
  return contentOf(ex, certificate, deposit);
}

/**
 * What a verification code certifies, for anyone who has it (no credential: the code is the
 * proof of having seen the certificate). Null for a code that matches no certificate.
 */
export async function verifyCertificate(ex: Executor, typed: string): Promise<CertificateContent | null> {
  const code = normaliseVerificationCode(typed);
  if (code === null) return null;
  const certificate = await findCertificateByCode(ex, code);
  if (!certificate) return null;
  const deposit = await loadOutcome(ex, certificate.deposit_id, false);
  if (!deposit) throw new Error(`certificate ${code} names no deposit`);
  return contentOf(ex, certificate, deposit);
}
