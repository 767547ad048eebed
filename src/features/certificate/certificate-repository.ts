import type { Certificate, Executor } from '../../platform/store/schema.ts';

export async function insertCertificate(ex: Executor, certificate: Certificate): Promise<void> {
  await ex.insertInto('certificate').values(certificate).execute();
}

export async function findCertificateOfDeposit(
  ex: Executor,
  depositId: string,
): Promise<Certificate | undefined> {
  return ex.selectFrom('certificate').selectAll().where('deposit_id', '=', depositId).executeTakeFirst();
}

export async function findCertificateByCode(ex: Executor, code: string): Promise<Certificate | undefined> {
  return ex.selectFrom('certificate').selectAll().where('code', '=', code).executeTakeFirst();
}
