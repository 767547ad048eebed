import type { Certificate, Executor } from '../../platform/store/schema.ts';
import type { DepositDecision } from '../deposit/deposit-decide.ts';
import { insertCertificate, insertCertificateOnce } from './certificate-repository.ts';
import { newVerificationCode } from './code.ts';

/**
 * Issues the certificate of conformity of a deposit of which at least one declaration was
 * accepted, in the deposit's transaction: a rejected deposit has none (its returns are the
 * acknowledgement and the anomaly report). Null when none is issued.
 */
export async function issueCertificate(ex: Executor, decided: DepositDecision): Promise<Certificate | null> {
  if (decided.accepted.length === 0) return null;
  const certificate = {
    deposit_id: decided.received.id,
    code: newVerificationCode(),
    issued_at: decided.decidedAt,
  };
  await insertCertificate(ex, certificate);
  return certificate;
}

/**
 * The certificate of an accepted deposit recorded before certificates were issued (a database
 * migrated from an earlier version), issued when it is first asked for, dated then.
 */
export function issueLateCertificate(
  ex: Executor,
  depositId: string,
  now = new Date(),
): Promise<Certificate> {
  return insertCertificateOnce(ex, { deposit_id: depositId, code: newVerificationCode(), issued_at: now });
}
