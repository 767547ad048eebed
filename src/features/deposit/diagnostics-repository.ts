import type { Executor } from '../../platform/store/schema.ts';

export interface DiagnosticCount {
  /** Official control id or Relais code. */
  code: string;
  /** Company (9 digits): all its establishments. */
  siren: string;
  /** First and last declared months, `AAAA-MM-01`, both included. */
  from: string;
  to: string;
}

/**
 * Occurrences of a code in the declarations of a company over a span of declared months: every
 * declaration received, whatever became of it (a rejected one's reasons are what feedback is
 * about; a replaced one was still filed with them). The envoi's own diagnostics belong to no
 * declaration and are not counted. Found through the declarations of the company and months,
 * then their diagnostics of that code (two index ranges).
 */
export async function countDiagnostics(ex: Executor, query: DiagnosticCount): Promise<number> {
  const row = await ex
    .selectFrom('diagnostic as g')
    .innerJoin('declaration as d', 'd.key', 'g.declaration_key')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.code', '=', query.code)
    .where('d.siren', '=', query.siren)
    .where('d.month', '>=', query.from)
    .where('d.month', '<=', query.to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
