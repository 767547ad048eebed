import { sql, type Kysely } from 'kysely';

/**
 * PASRAU deposits and their resource lines.
 *
 * A PASRAU (nature 11) is replaced, like a monthly DSN, by its identity (establishment, month,
 * fraction): its norm has no S20.G00.05.006. The database refuses two current ones for the same
 * identity, as it does for the monthly DSN. Its payments carry an income class (S21.G00.50.014),
 * kept on the resource line; DSN lines have none.
 */

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index declaration_one_current_pasrau on declaration (siret, month, fraction)
    where status = 'conform' and nature = '11' and type in ('01', '02', '03', '05')`.execute(db);
  for (const table of ['resource_line', 'resource_line_ntt']) {
    await sql`alter table ${sql.table(table)} add column income_class text`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['resource_line', 'resource_line_ntt']) {
    await sql`alter table ${sql.table(table)} drop column income_class`.execute(db);
  }
  await sql`drop index declaration_one_current_pasrau`.execute(db);
}
