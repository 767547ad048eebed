import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bytesOf,
  chunked,
  expectedCounts,
  generatedDsn,
  generatedPasrau,
  intakeContext,
  withMemoryStore,
  rowCounts,
  setRubric,
  sha256,
  tableSize,
} from '../../../test/deposit-helpers.ts';
import { controls } from '../../core/controls/registry.ts';
import { AppError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/database.ts';
import { countDeposits } from './deposits-repository.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import { replacementOf } from './replacement.ts';

/** The basic path on embedded PGlite; concurrency and crashes are in the PostgreSQL tests. */
describe('deposit (PGlite)', () => {
  let store: Store;
  let ctx: IntakeContext;
  withMemoryStore((opened) => {
    store = opened;
    ctx = intakeContext(store);
  });

  it('keeps the bytes, acknowledges, and writes every row of a conform envoi with its source line', async () => {
    const text = await generatedDsn();
    const outcome = await depositDsn(ctx, {
      source: chunked(text, 777),
      declarant: null,
      fileName: 'mars.dsn',
    });
    expect(outcome.status).toBe('accepted');
    expect(outcome.duplicate).toBe(false);
    expect(outcome.acknowledgement).toMatchObject({
      sha256: sha256(text),
      size: bytesOf(text).length,
      fileName: 'mars.dsn',
    });
    expect(readFileSync(ctx.blobs.path(sha256(text)))).toEqual(bytesOf(text));
    expect(outcome.report.summary.blocking).toBe(0);
    const expected = expectedCounts(text);
    expect(outcome.declarations).toHaveLength(2);
    for (const [i, declaration] of outcome.declarations.entries()) {
      expect(declaration).toMatchObject({
        status: 'conform',
        nature: '01',
        type: '01',
        month: '2026-03',
        fraction: '11',
      });
      expect(await rowCounts(store, declaration.id)).toEqual(expected[i]);
    }
    // A row's line is the line of its block's first rubric in the deposited bytes.
    const lines = text.split('\n');
    const payment = await store.db.selectFrom('payment').selectAll().limit(1).executeTakeFirstOrThrow();
    expect(lines[payment.line - 1]).toBe(
      `S21.G00.50.001,'${payment.payment_date!.split('-').reverse().join('')}'`,
    );
    const individual = await store.db
      .selectFrom('individual')
      .selectAll()
      .where('line', '=', payment.individual_line)
      .executeTakeFirstOrThrow();
    expect(lines[individual.line - 1]).toBe(`S21.G00.30.001,'${individual.nir}'`);
  });

  it('answers the same deposit for the same bytes, without a second copy of the rows', async () => {
    const text = await generatedDsn();
    const before = await countDeposits(store.db);
    const again = await depositDsn(ctx, { source: [bytesOf(text)], declarant: null });
    expect(again.duplicate).toBe(true);
    expect(again.acknowledgement.sha256).toBe(sha256(text));
    expect(await countDeposits(store.db)).toBe(before);
    expect(await tableSize(store, 'individual')).toBe(12);
  });

  it('rejects a declaration with a blocking anomaly, keeping only the deposit, its report and the bytes', async () => {
    const text = setRubric(
      await generatedDsn({ seed: 12, establishments: 1, employees: 4 }),
      'S21.G00.50.001',
      '31022026',
    );
    const outcome = await depositDsn(ctx, { source: chunked(text), declarant: null });
    expect(outcome.status).toBe('rejected');
    expect(outcome.report.summary.blocking).toBeGreaterThan(0);
    expect(outcome.report.diagnostics.some((d) => d.severity === 'blocking' && d.declaration === 1)).toBe(
      true,
    );
    expect(outcome.declarations[0]!.status).toBe('rejected');
    expect(await rowCounts(store, outcome.declarations[0]!.id)).toMatchObject({
      individual: 0,
      payment: 0,
      company: 0,
    });
    expect(readFileSync(ctx.blobs.path(outcome.acknowledgement.sha256))).toEqual(bytesOf(text));
  });

  it('accepts the conform declarations of an envoi and rejects the others on their own', async () => {
    const base = await generatedDsn({ seed: 13 });
    // The first payment of the second declaration gets an impossible date.
    const second = base.split('\n').findIndex((l, i) => l.startsWith('S20.G00.05.001') && i > 20);
    const lines = base.split('\n');
    const target = lines.findIndex((l, i) => i > second && l.startsWith('S21.G00.50.001'));
    lines[target] = "S21.G00.50.001,'32012026'";
    const outcome = await depositDsn(ctx, { source: chunked(lines.join('\n')), declarant: null });
    expect(outcome.status).toBe('partially_accepted');
    expect(outcome.declarations.map((d) => d.status)).toEqual(['conform', 'rejected']);
    const expected = expectedCounts(base);
    expect(await rowCounts(store, outcome.declarations[0]!.id)).toEqual(expected[0]);
    expect(Object.values(await rowCounts(store, outcome.declarations[1]!.id)).every((n) => n === 0)).toBe(
      true,
    );
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'RELAIS-FILE-EMPTY'],
    [
      'a binary file',
      Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)),
      'RELAIS-FILE-NOT-DSN',
    ],
  ])('rejects %s with a clear report, storing only the deposit and the bytes', async (_, bytes, code) => {
    const outcome = await depositDsn(ctx, { source: [bytes], declarant: null });
    expect(outcome.status).toBe('rejected');
    expect(outcome.declarations).toEqual([]);
    expect(outcome.report.diagnostics.map((d) => d.code)).toContain(code);
    expect(readFileSync(ctx.blobs.path(outcome.acknowledgement.sha256))).toEqual(bytes);
  });

  it('files event reports: one declaration each, named by its nature, with its stoppage or contract end', async () => {
    const labels = {
      '04': "signalement d'arrêt de travail",
      '05': 'signalement de reprise suite à arrêt de travail',
      '07': 'signalement de fin du contrat de travail unique',
      '08': 'signalement amorçage des données variables',
      '10': "signalement déclaration préalable à l'embauche",
    } as const;
    for (const nature of ['04', '05', '07', '08', '10'] as const) {
      const text = await generatedDsn({ nature, establishments: 1, employees: 3, seed: 23 });
      const outcome = await depositDsn(ctx, { source: chunked(text), declarant: null });
      expect(outcome.status).toBe('accepted');
      expect(outcome.declarations).toHaveLength(3);
      for (const d of outcome.declarations)
        expect(d).toMatchObject({ nature, natureLabel: labels[nature], status: 'conform', month: null });
      const rows = async (table: 'work_stoppage' | 'contract_end') =>
        (
          await store.db
            .selectFrom(table)
            .innerJoin('declaration', 'declaration.key', `${table}.declaration_key`)
            .select('declaration.key')
            .where('declaration.deposit_id', '=', outcome.acknowledgement.depositId)
            .execute()
        ).length;
      expect(await rows('work_stoppage')).toBe(nature === '04' || nature === '05' ? 3 : 0);
      expect(await rows('contract_end')).toBe(nature === '07' ? 3 : 0);
    }
  });

  it('stores bonuses, other income, work stoppages and contract ends under their payment and contract', async () => {
    const base = await generatedDsn({ seed: 19, establishments: 1, employees: 1 });
    const lines = base.split('\n');
    const contract = lines.findIndex((l) => l.startsWith('S21.G00.40.009,'));
    const contractNumber = /'(.*)'/.exec(lines[contract]!)![1]!;
    const beforeRetirement = lines.findIndex((l, i) => i > contract && /^S21\.G00\.(7[01]|50)\./.test(l));
    lines.splice(
      beforeRetirement,
      0,
      "S21.G00.60.001,'01'",
      "S21.G00.60.002,'10032026'",
      "S21.G00.60.003,'20032026'",
      "S21.G00.62.001,'31032026'",
      "S21.G00.62.002,'059'",
    );
    const net = lines.findIndex((l) => l.startsWith('S21.G00.58.001,'));
    lines.splice(
      net,
      0,
      "S21.G00.52.001,'026'",
      "S21.G00.52.002,'150.00'",
      `S21.G00.52.006,'${contractNumber}'`,
      "S21.G00.54.001,'02'",
      "S21.G00.54.002,'42.50'",
    );
    const total = lines.findIndex((l) => l.startsWith('S90.G00.90.001,'));
    lines[total] = `S90.G00.90.001,'${lines.filter((l) => /^S(1|2|8|9)\d\./.test(l)).length}'`;
    const outcome = await depositDsn(ctx, { source: chunked(lines.join('\n')), declarant: null });
    expect(outcome.report.groups.filter((g) => g.severity === 'blocking')).toEqual([]);
    const key = (
      await store.db
        .selectFrom('declaration')
        .select('key')
        .where('id', '=', outcome.declarations[0]!.id)
        .executeTakeFirstOrThrow()
    ).key;
    const stoppage = await store.db
      .selectFrom('work_stoppage')
      .selectAll()
      .where('declaration_key', '=', key)
      .executeTakeFirstOrThrow();
    const end = await store.db
      .selectFrom('contract_end')
      .selectAll()
      .where('declaration_key', '=', key)
      .executeTakeFirstOrThrow();
    const bonus = await store.db
      .selectFrom('bonus')
      .selectAll()
      .where('declaration_key', '=', key)
      .executeTakeFirstOrThrow();
    const other = await store.db
      .selectFrom('other_income')
      .selectAll()
      .where('declaration_key', '=', key)
      .executeTakeFirstOrThrow();
    const payment = await store.db
      .selectFrom('payment')
      .selectAll()
      .where('declaration_key', '=', key)
      .executeTakeFirstOrThrow();
    const contractLine = lines.findIndex((l) => l.startsWith('S21.G00.40.001,')) + 1;
    expect(stoppage).toMatchObject({
      reason: '01',
      last_day_worked: '2026-03-10',
      contract_line: contractLine,
    });
    expect(end).toMatchObject({
      end_date: '2026-03-31',
      reason: '059',
      contract_line: stoppage.contract_line,
    });
    expect(bonus).toMatchObject({
      type: '026',
      amount: '150.00',
      contract_number: contractNumber,
      payment_line: payment.line,
    });
    expect(other).toMatchObject({ type: '02', amount: '42.50', payment_line: payment.line });
  });

  it('refuses a file over the size limit before storing anything', async () => {
    const before = await countDeposits(store.db);
    const small = { ...ctx, maxDepositBytes: 10_000 };
    const text = await generatedDsn({ seed: 14 });
    await expect(depositDsn(small, { source: chunked(text), declarant: null })).rejects.toMatchObject({
      code: 'DEPOSIT_TOO_LARGE',
    });
    expect(await countDeposits(store.db)).toBe(before);
  });

  it('supersedes a monthly declaration by its annule-et-remplace, keeping both versions readable', async () => {
    const original = await generatedDsn({ seed: 15, establishments: 1, employees: 3 });
    const first = await depositDsn(ctx, { source: chunked(original), declarant: null });
    expect(first.status).toBe('accepted');
    const replacement = replacementOf(original, { fileDate: '10042026', newAddress: '1 RUE CORRIGEE' });
    const second = await depositDsn(ctx, { source: chunked(replacement), declarant: null });
    expect(second.status).toBe('accepted');
    const [old] = first.declarations;
    const [fresh] = second.declarations;
    expect(fresh).toMatchObject({ type: '03', status: 'conform', replacesId: old!.id });
    const oldNow = await store.db
      .selectFrom('declaration')
      .selectAll()
      .where('id', '=', old!.id)
      .executeTakeFirstOrThrow();
    expect(oldNow).toMatchObject({ status: 'superseded', replaced_by_id: fresh!.id });
    expect(oldNow.known_to).toEqual(new Date(fresh!.knownFrom));
    // Both versions' rows stay, each as deposited.
    expect(await rowCounts(store, old!.id)).toMatchObject({ individual: 3 });
    expect(await rowCounts(store, fresh!.id)).toMatchObject({ individual: 3 });
  });

  it('files a PASRAU, refuses a second normal one for the same month, and supersedes it by its annule-et-remplace', async () => {
    const original = await generatedPasrau({ seed: 19, payers: 1, beneficiaries: 3 });
    const first = await depositDsn(ctx, { source: chunked(original), declarant: null });
    expect(first.status).toBe('accepted');
    expect(first.declarations[0]).toMatchObject({ nature: '11', type: '01', status: 'conform' });
    const again = await depositDsn(ctx, {
      source: chunked(setRubric(original, 'S20.G00.05.004', '7')),
      declarant: null,
    });
    expect(again.report.groups.map((g) => g.code)).toEqual(['RELAIS-DEPOSIT-DUPLICATE']);
    // PASRAU has no S20.G00.05.006: like a monthly DSN, it is replaced by its identity.
    const replacement = replacementOf(original, { fileDate: '10052026' });
    expect(replacement).not.toContain('S20.G00.05.006');
    const second = await depositDsn(ctx, { source: chunked(replacement), declarant: null });
    expect(second.status).toBe('accepted');
    expect(second.declarations[0]).toMatchObject({ type: '03', replacesId: first.declarations[0]!.id });
    expect(await rowCounts(store, first.declarations[0]!.id)).toMatchObject({ individual: 3 });
  });

  it('rejects an annule-et-remplace with nothing to replace (S20.G00.05.006/CID-11, official message)', async () => {
    const orphan = replacementOf(await generatedDsn({ seed: 16, establishments: 1, employees: 2 }), {
      fileDate: '10042026',
    });
    const outcome = await depositDsn(ctx, { source: chunked(orphan), declarant: null });
    expect(outcome.status).toBe('rejected');
    const diagnostic = outcome.report.diagnostics.find((d) => d.code === 'S20.G00.05.006/CID-11');
    expect(diagnostic).toMatchObject({ severity: 'blocking', declaration: 1 });
    expect(diagnostic!.message).toMatch(
      /^Une déclaration de type "03 - déclaration annule et remplace intégral"/,
    );
  });

  it('rejects a second normal declaration for the same establishment and month', async () => {
    const text = await generatedDsn({ seed: 17, establishments: 1, employees: 2 });
    expect((await depositDsn(ctx, { source: chunked(text), declarant: null })).status).toBe('accepted');
    const copy = setRubric(text, 'S20.G00.05.004', '7');
    const outcome = await depositDsn(ctx, { source: chunked(copy), declarant: null });
    expect(outcome.status).toBe('rejected');
    expect(outcome.report.groups.map((g) => g.code)).toEqual(['RELAIS-DEPOSIT-DUPLICATE']);
  });

  it("rejects a declarant's declaration outside its scope", async () => {
    const credential = await createDeclarant(store.db, 'Autre entreprise', '732829320');
    const text = await generatedDsn({ seed: 18, establishments: 1, employees: 2 });
    const outcome = await depositDsn(ctx, {
      source: chunked(text),
      declarant: { id: credential.declarant.id, scope: '732829320' },
    });
    expect(outcome.status).toBe('rejected');
    expect(outcome.report.groups.map((g) => g.code)).toContain('RELAIS-DEPOSIT-OUT-OF-SCOPE');
  });

  it('refuses the same bytes from another declarant', async () => {
    const credential = await createDeclarant(store.db, 'Intrus', '732829320');
    await expect(
      depositDsn(ctx, {
        source: [bytesOf(await generatedDsn())],
        declarant: { id: credential.declarant.id, scope: '732829320' },
      }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("serialises concurrent deposits on PGlite's single connection, without deadlock", async () => {
    const a = await generatedDsn({ seed: 51, establishments: 1, employees: 5 });
    const b = await generatedDsn({ seed: 52, establishments: 1, employees: 5 });
    const sameMonth = setRubric(a, 'S20.G00.05.004', '9');
    const outcomes = await Promise.all(
      [a, b, sameMonth, a].map((text) => depositDsn(ctx, { source: chunked(text, 2000), declarant: null })),
    );
    expect(outcomes.filter((o) => o.status === 'accepted' && !o.duplicate)).toHaveLength(2);
    expect(outcomes.filter((o) => o.duplicate)).toHaveLength(1);
    // Whichever of the two declarations for the same month came second is refused (when it is
    // the original, the replayed copy of its bytes repeats that refusal: not counted twice).
    const refused = outcomes.filter((o) => o.status === 'rejected' && !o.duplicate);
    expect(refused.map((o) => o.report.groups.map((g) => g.code))).toEqual([['RELAIS-DEPOSIT-DUPLICATE']]);
  });

  it('runs the official controls like relais check does, on the reference declaration', async () => {
    const minimal = readFileSync(new URL('../../core/examples/bases/minimal.dsn', import.meta.url), 'latin1');
    const outcome = await depositDsn({ ...ctx, controls }, { source: chunked(minimal), declarant: null });
    const { checkDsn } = await import('../../core/check/check.ts');
    const report = await checkDsn([bytesOf(minimal)]);
    expect(outcome.report.groups).toEqual(report.groups);
    expect(outcome.status).toBe(report.summary.blocking === 0 ? 'accepted' : 'rejected');
  });
});
