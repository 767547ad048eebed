import type { Certificate, Executor } from '../../platform/store/schema.ts';

export async function insertCertificate(ex: Executor, certificate: Certificate): Promise<void> {
  await ex.insertInto('certificate').values(certificate).execute();
}

/** Inserts unless the deposit has one already (two first reads at once): the one kept is returned. */
export async function insertCertificateOnce(ex: Executor, certificate: Certificate): Promise<Certificate> {
  await ex
    .insertInto('certificate')
    .values(certificate)
    .onConflict((oc) => oc.column('deposit_id').doNothing())
    .execute();
  return ex
    .selectFrom('certificate')
    .selectAll()
    .where('deposit_id', '=', certificate.deposit_id)
    .executeTakeFirstOrThrow();
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
