import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  generatedDsn,
  intakeContext,
  withMemoryStore,
  setRubric,
} from '../../../test/deposit-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import type { DepositOutcome } from './views.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import { countDiagnostics } from './diagnostics-repository.ts';
import { diagnosticColumns } from './diagnostic-rows.ts';

/** Trailing blanks after the value of every S21.G00.30.004 (first names): one non-blocking diagnostic each. */
const trailing = (text: string) => text.replace(/^(S21\.G00\.30\.004,'[^']*')$/gm, '$1 ');

/** Line (1-based) of the S21.G00.30.001 opening the individual that holds `line`. */
function individualOf(text: string, line: number): number {
  const lines = text.split('\n');
  for (let i = line - 1; i >= 0; i--) if (lines[i]!.startsWith('S21.G00.30.001,')) return i + 1;
  throw new Error(`no individual before line ${line}`);
}

describe('diagnostics as rows (PGlite)', () => {
  let store: Store;
  let ctx: IntakeContext;
  withMemoryStore((opened) => {
    store = opened;
    ctx = intakeContext(store);
  });

  const rowsOf = (outcome: DepositOutcome) =>
    store.db
      .selectFrom('diagnostic')
      .selectAll()
      .where('deposit_id', '=', outcome.acknowledgement.depositId)
      .orderBy('line')
      .execute();

  /** The report's exact count of each code, against the rows stored. */
  async function expectRowsMatchReport(outcome: DepositOutcome): Promise<void> {
    const rows = await rowsOf(outcome);
    const stored = new Map<string, number>();
    for (const row of rows) stored.set(row.code, (stored.get(row.code) ?? 0) + 1);
    expect(Object.fromEntries(stored)).toEqual(
      Object.fromEntries(outcome.report.groups.map((g) => [g.code, g.count])),
    );
    const { blocking, nonBlocking } = outcome.report.summary;
    expect(rows).toHaveLength(blocking + nonBlocking);
    expect(rows.filter((r) => r.severity === 'blocking')).toHaveLength(blocking);
  }

  it('has a column for each value the deposit writes', async () => {
    const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'diagnostic'`.execute(store.db);
    expect(rows.map((r) => r.column_name).sort()).toEqual([...diagnosticColumns].sort());
  });

  it('stores every diagnostic of an accepted deposit, beyond the sample its report lists', async () => {
    const text = trailing(await generatedDsn({ seed: 61, establishments: 1, employees: 25 }));
    const outcome = await depositDsn(ctx, { source: chunked(text, 1500), declarant: null });
    expect(outcome.status).toBe('accepted');
    expect(outcome.report.groups).toMatchObject([{ code: 'RELAIS-LINE-TRAILING', count: 25 }]);
    expect(outcome.report.diagnostics).toHaveLength(20);
    await expectRowsMatchReport(outcome);
    const [declaration] = outcome.declarations;
    const key = (
      await store.db
        .selectFrom('declaration')
        .select('key')
        .where('id', '=', declaration!.id)
        .executeTakeFirstOrThrow()
    ).key;
    for (const row of await rowsOf(outcome)) {
      expect(row).toMatchObject({
        declaration_key: key,
        code: 'RELAIS-LINE-TRAILING',
        severity: 'non-blocking',
        rubric: 'S21.G00.30.004',
        establishment: declaration!.siret,
      });
      expect(row.individual).toBe(individualOf(text, row.line!));
    }
  });

  it('keeps the diagnostics of a rejected deposit, and the lifecycle refusals, across its rollback', async () => {
    const base = await generatedDsn({ seed: 62, establishments: 1, employees: 24 });
    // Every payment on an impossible date: blocking, 24 times, the declaration is rejected.
    const broken = trailing(base).replace(/^S21\.G00\.50\.001,'\d{8}'$/gm, "S21.G00.50.001,'32012026'");
    const rejected = await depositDsn(ctx, { source: chunked(broken), declarant: null });
    expect(rejected.status).toBe('rejected');
    await expectRowsMatchReport(rejected);
    const dates = (await rowsOf(rejected)).filter((r) => r.rubric === 'S21.G00.50.001');
    expect(dates).toHaveLength(24);
    for (const row of dates) expect(row.individual).toBe(individualOf(broken, row.line!));

    // A second normal declaration of the same month: refused by the lifecycle, after the read.
    expect((await depositDsn(ctx, { source: chunked(base), declarant: null })).status).toBe('accepted');
    const duplicate = await depositDsn(ctx, {
      source: chunked(setRubric(base, 'S20.G00.05.004', '7')),
      declarant: null,
    });
    expect(duplicate.status).toBe('rejected');
    await expectRowsMatchReport(duplicate);
    const firstLine = base.split('\n').findIndex((l) => l.startsWith('S20.G00.05.001')) + 1;
    expect(await rowsOf(duplicate)).toMatchObject([
      { code: 'RELAIS-DEPOSIT-DUPLICATE', severity: 'blocking', line: firstLine, individual: null },
    ]);
  });

  it('keeps the diagnostics of a declaration rejected beside an accepted one, and those of the envoi', async () => {
    const base = trailing(await generatedDsn({ seed: 63, establishments: 2, employees: 6 }));
    const lines = base.split('\n');
    const second = lines.findIndex((l, i) => l.startsWith('S20.G00.05.001') && i > 20);
    const payment = lines.findIndex((l, i) => i > second && l.startsWith('S21.G00.50.001'));
    lines[payment] = "S21.G00.50.001,'32012026'";
    // Trailing blanks on the envoi's header too: a diagnostic outside any declaration.
    const header = lines.findIndex((l) => l.startsWith('S10.G00.00.001'));
    lines[header] += ' ';
    const outcome = await depositDsn(ctx, { source: chunked(lines.join('\n')), declarant: null });
    expect(outcome.status).toBe('partially_accepted');
    await expectRowsMatchReport(outcome);
    const rows = await rowsOf(outcome);
    expect(rows.find((r) => r.line === header + 1)).toMatchObject({
      declaration_key: null,
      establishment: null,
      individual: null,
    });
    const keys = new Set(rows.map((r) => r.declaration_key));
    expect(keys.size).toBe(3);
  });

  it('counts a code for a company over a span of declared months', async () => {
    const company = { seed: 64, establishments: 2, employees: 3 };
    for (const month of ['2025-11', '2025-12', '2026-01', '2026-02'])
      await depositDsn(ctx, {
        source: chunked(trailing(await generatedDsn({ ...company, month }))),
        declarant: null,
      });
    const other = trailing(
      await generatedDsn({ seed: 65, establishments: 1, employees: 4, month: '2025-12' }),
    );
    await depositDsn(ctx, { source: chunked(other), declarant: null });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(trailing(await generatedDsn(company)))![1]!;
    const otherSiren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(other)![1]!;
    expect(siren).not.toBe(otherSiren);
    const count = (siren: string, from: string, to: string, code = 'RELAIS-LINE-TRAILING') =>
      countDiagnostics(store.db, { code, siren, from, to });
    // Three employees (over two establishments): three occurrences a month.
    expect(await count(siren, '2025-12-01', '2026-02-01')).toBe(9);
    expect(await count(siren, '2025-11-01', '2025-11-01')).toBe(3);
    expect(await count(otherSiren, '2025-11-01', '2026-02-01')).toBe(4);
    expect(await count(siren, '2025-12-01', '2026-02-01', 'RELAIS-VALUE-DATE')).toBe(0);
  });
});
