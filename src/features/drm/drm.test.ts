import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cancellationOf,
  declaredPersons,
  firstIndividualAs,
  paymentMonth,
  type DeclaredPerson,
} from '../../../test/drm-helpers.ts';
import {
  chunked,
  generatedDsn,
  generatedPasrau,
  intakeContext,
  memoryStore,
  setRubric,
} from '../../../test/deposit-helpers.ts';
import { declarantCaller } from '../declarant/declarants.ts';
import { AppError } from '../../platform/errors.ts';
import { depositDsn, type IntakeContext } from '../deposit/deposit.ts';
import { replacementOf } from '../deposit/replacement.ts';
import type { Store } from '../../platform/store/database.ts';
import { addMonths } from './months.ts';
import { foldName, nameKeys } from './names.ts';
import { withKey } from './nir.ts';
import { operator } from '../../platform/auth/operator.ts';
import { readResources, readWindows } from './read.ts';

const query = (p: DeclaredPerson, extra: Partial<Parameters<typeof readResources>[2]> = {}) => ({
  nir: p.nir,
  identity: { lastName: p.lastName, firstNames: p.firstNames, birthDate: p.birthDate },
  from: '2026-01',
  to: '2026-03',
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

/** `other`'s individual declared under `nir` becomes `person`, except for the birth date. */
function sameNamesOtherBirthDate(other: string, nir: string, person: DeclaredPerson): string {
  const lines = other.split('\n');
  const at = lines.indexOf(`S21.G00.30.001,'${nir}'`);
  lines[at] = `S21.G00.30.001,'${person.nir.slice(0, 13)}'`;
  for (let i = at + 1; lines[i]!.startsWith('S21.G00.30.'); i++) {
    if (lines[i]!.startsWith('S21.G00.30.002,')) lines[i] = `S21.G00.30.002,'${person.lastName}'`;
    if (lines[i]!.startsWith('S21.G00.30.004,')) lines[i] = `S21.G00.30.004,'${person.firstNames}'`;
    if (lines[i]!.startsWith('S21.G00.30.006,')) lines[i] = `S21.G00.30.006,'01011950'`;
  }
  return lines.join('\n');
}

/** The newcomer's path on embedded PGlite: ingest, replace, read now and as known before. */
describe('DRM (PGlite)', () => {
  let store: Store;
  let ctx: IntakeContext;
  const at = (iso: string) => ({ ...ctx, now: () => new Date(iso) });

  beforeAll(async () => {
    store = await memoryStore();
    ctx = intakeContext(store);
  });
  afterAll(async () => {
    await store.close();
  });

  it('derives one line per payment, reads it per month, and replays an annule-et-remplace asOf', async () => {
    const original = await generatedDsn({ seed: 51, establishments: 1, employees: 3 });
    const first = await depositDsn(at('2026-04-08T10:00:00Z'), {
      source: chunked(original),
      declarant: null,
    });
    expect(first.status).toBe('accepted');
    const person = declaredPersons(original)[0]!;
    // Paid on the 1st of the next month: the resources belong to the month of the payment date.
    const month = paymentMonth(original);
    expect(month).toBe('2026-04');
    const range = { from: '2026-02', to: '2026-04' };

    const before = await readResources(
      store.db,
      operator,
      query(person, range),
      new Date('2026-04-09T00:00:00Z'),
    );
    expect(before.missingMonths).toEqual(['2026-02', '2026-03']);
    const march = before.months[2]!;
    expect(march.status).toEqual({ code: 'DECLARE', libelle: expect.stringContaining('déclarées') });
    expect(march.lines).toHaveLength(1);
    const line = march.lines[0]!;
    // The amounts are those of the file, exactly.
    const block = original.split('\n');
    const at50 = line.provenance.paymentLine - 1;
    expect(block[at50]).toBe(`S21.G00.50.001,'${line.paymentDate.split('-').reverse().join('')}'`);
    expect(block[at50 + 1]).toBe(`S21.G00.50.002,'${line.amounts.netTaxable}'`);
    expect(block[at50 + 2]).toBe(`S21.G00.50.004,'${line.amounts.netPaid}'`);
    expect(block[line.provenance.individualLine - 1]).toBe(`S21.G00.30.001,'${person.nir.slice(0, 13)}'`);
    expect(line).toMatchObject({
      source: { code: 'DSN' },
      kind: { code: 'SALAIRE' },
      payer: { siret: first.declarations[0]!.siret },
      provenance: { declarationId: first.declarations[0]!.id, depositId: first.acknowledgement.depositId },
    });
    expect(line.amounts.netSocial).toMatch(/^\d+\.\d{2}$/);
    expect(march.totals).toEqual(line.amounts);

    // The annule-et-remplace corrects the net paid of this person.
    let corrected = replacementOf(original, { fileDate: '12042026' });
    corrected = setRubric(corrected, 'S21.G00.50.004', '1234.56');
    const second = await depositDsn(at('2026-04-12T10:00:00Z'), {
      source: chunked(corrected),
      declarant: null,
    });
    expect(second.status).toBe('accepted');

    const now = await readResources(
      store.db,
      operator,
      query(person, range),
      new Date('2026-04-13T00:00:00Z'),
    );
    expect(now.months[2]!.lines).toHaveLength(1);
    expect(now.months[2]!.totals.netPaid).toBe('1234.56');
    expect(now.months[2]!.lines[0]!.provenance.declarationId).toBe(second.declarations[0]!.id);

    // Asked as known before the replacement, the answer is the first one, identical.
    const replayed = await readResources(
      store.db,
      operator,
      query(person, { ...range, asOf: new Date('2026-04-09T00:00:00Z') }),
      new Date('2026-04-13T00:00:00Z'),
    );
    expect(replayed).toEqual(before);
    // Before anything was deposited, the person was not known at all.
    expect(
      await refusal(
        readResources(
          store.db,
          operator,
          query(person, { ...range, asOf: new Date('2026-04-01T00:00:00Z') }),
        ),
      ),
    ).toBe('DRM_PERSON_UNKNOWN');
  });

  it('closes the lines of a cancelled declaration, from the annulation on only', async () => {
    const original = await generatedDsn({ seed: 52, establishments: 1, employees: 2, month: '2026-02' });
    await depositDsn(at('2026-03-08T10:00:00Z'), { source: chunked(original), declarant: null });
    const cancelled = await depositDsn(at('2026-03-20T10:00:00Z'), {
      source: chunked(cancellationOf(original, '20032026')),
      declarant: null,
    });
    expect(cancelled.status).toBe('accepted');
    expect(cancelled.declarations[0]).toMatchObject({ type: '04', individuals: 0 });
    const person = declaredPersons(original)[0]!;
    const month = paymentMonth(original);
    const q = query(person, { from: month, to: month });
    const earlier = await readResources(store.db, operator, { ...q, asOf: new Date('2026-03-10T00:00:00Z') });
    expect(earlier.months[0]!.lines).toHaveLength(1);
    // Once cancelled, the person's only declaration is gone from current knowledge.
    expect(await refusal(readResources(store.db, operator, q))).toBe('DRM_PERSON_UNKNOWN');
  });

  it('gives the reference windows in montant net social, naming the missing months', async () => {
    const text = await generatedDsn({ seed: 51, establishments: 1, employees: 3 });
    const person = declaredPersons(text)[0]!;
    const paid = paymentMonth(text);
    // Counted back from M = the month paid + 2: the pay is in M-2, the last month of both windows.
    const reference = addMonths(paid, 2);
    const answer = await readWindows(store.db, operator, { ...query(person), month: reference });
    const now = await readResources(store.db, operator, query(person, { from: paid, to: paid }));
    expect(answer.referenceMonth).toBe(reference);
    expect(answer.windows.map((w) => [w.code, w.from, w.to, w.missingMonths])).toEqual([
      ['M2_M4', addMonths(paid, -2), paid, [addMonths(paid, -2), addMonths(paid, -1)]],
      ['M1_M3', addMonths(paid, -1), addMonths(paid, 1), [addMonths(paid, -1), addMonths(paid, 1)]],
    ]);
    expect(answer.windows[0]!.netSocial).toBe(now.months[0]!.totals.netSocial);
    expect(answer.windows[0]!.months[2]).toMatchObject({ month: paid, status: { code: 'DECLARE' } });
    expect(answer.windows[1]!.months[2]).toMatchObject({ status: { code: 'ABSENT' }, netSocial: null });
  });

  it('shows a salary (DSN) and a pension (PASRAU) of one person by source, with the income class', async () => {
    const salary = await generatedDsn({ seed: 71, establishments: 1, employees: 2 });
    const person = declaredPersons(salary)[0]!;
    const paid = paymentMonth(salary);
    const pension = firstIndividualAs(
      await generatedPasrau({ month: paid, seed: 72, beneficiaries: 2 }),
      person,
    );
    for (const [text, when] of [
      [salary, '2026-05-02T08:00:00Z'],
      [pension, '2026-05-03T08:00:00Z'],
    ] as const) {
      const outcome = await depositDsn(at(when), { source: chunked(text), declarant: null });
      expect(outcome.report.groups).toEqual([]);
      expect(outcome.status).toBe('accepted');
    }
    const asOf = new Date('2026-05-04T00:00:00Z');
    const answer = await readResources(store.db, operator, query(person, { from: paid, to: paid }), asOf);
    const month = answer.months[0]!;
    // Lines come in payment-date order, whatever their source.
    const bySource = [...month.lines].sort((a, b) => a.source.code.localeCompare(b.source.code));
    expect(bySource.map((l) => [l.source.code, l.kind.code, l.incomeClass?.code ?? null])).toEqual([
      ['DSN', 'SALAIRE', null],
      ['PASRAU', 'REVENU_AUTRE', expect.stringMatching(/^[A-Z-]+$/)],
    ]);
    const [dsnLine, pasrauLine] = bySource;
    expect(pasrauLine!.incomeClass!.libelle).not.toBe('');
    expect(pasrauLine!.amounts.netSocial).toMatch(/^[0-9]+\.[0-9]{2}$/);
    const cents = (a: string | null) => Math.round(Number(a) * 100);
    expect(cents(month.totals.netSocial)).toBe(
      cents(dsnLine!.amounts.netSocial) + cents(pasrauLine!.amounts.netSocial),
    );
    const windows = await readWindows(
      store.db,
      operator,
      { ...query(person), month: addMonths(paid, 2), asOf },
      asOf,
    );
    expect(windows.windows[0]!.netSocial).toBe(month.totals.netSocial);
    // Before the pension was deposited, only the salary was known.
    const before = await readResources(
      store.db,
      operator,
      query(person, { from: paid, to: paid, asOf: new Date('2026-05-02T12:00:00Z') }),
      asOf,
    );
    expect(before.months[0]!.lines.map((l) => l.source.code)).toEqual(['DSN']);
  });

  it('reads in one transaction, and refuses a caller without the right before identifying anyone', async () => {
    const text = await generatedDsn({ seed: 51, establishments: 1, employees: 3 });
    // The first test's deposit, so that this one also runs alone: the same bytes are deposited once.
    await depositDsn(at('2026-04-08T10:00:00Z'), { source: chunked(text), declarant: null });
    const person = declaredPersons(text)[0]!;
    // On PGlite a statement sent around the transaction would wait for it forever: these would time out.
    const transaction = vi.spyOn(store.db, 'transaction');
    try {
      expect((await readResources(store.db, operator, query(person))).months).toHaveLength(3);
      expect((await readWindows(store.db, operator, query(person))).windows).toHaveLength(2);
      expect(transaction).toHaveBeenCalledTimes(2);
    } finally {
      transaction.mockRestore();
    }
    const unknown = query({ ...person, nir: withKey('1791272269066') });
    expect(await refusal(readResources(store.db, operator, unknown))).toBe('DRM_PERSON_UNKNOWN');
    const declarant = declarantCaller({ id: '01a20000-0000-7000-8000-000000000001', scope: '732829320' });
    expect(await refusal(readResources(store.db, declarant, unknown))).toBe('AUTH_SCOPE');
  });

  it('refuses a wrong key, a temporary NIR and identity traits that disagree, with explicit codes', async () => {
    const person = declaredPersons(await generatedDsn({ seed: 51, establishments: 1, employees: 3 }))[0]!;
    const wrongKey = `${person.nir.slice(0, 13)}${person.nir.slice(13) === '01' ? '02' : '01'}`;
    expect(await refusal(readResources(store.db, operator, query({ ...person, nir: wrongKey })))).toBe(
      'DRM_NIR_KEY',
    );
    expect(await refusal(readResources(store.db, operator, query({ ...person, nir: '12345' })))).toBe(
      'DRM_NIR_FORMAT',
    );
    expect(
      await refusal(readResources(store.db, operator, query({ ...person, nir: '755017512345603' }))),
    ).toBe('DRM_NIR_TEMPORARY');
    expect(
      await refusal(readResources(store.db, operator, query({ ...person, birthDate: '1999-01-01' }))),
    ).toBe('DRM_IDENTITY_MISMATCH');
    expect(await refusal(readResources(store.db, operator, query({ ...person, lastName: 'AUTRENOM' })))).toBe(
      'DRM_IDENTITY_MISMATCH',
    );
    // Case, accents and separators are not differences.
    const relaxed = {
      ...person,
      lastName: person.lastName.toLowerCase(),
      firstNames: person.firstNames.split(' ')[0]!,
    };
    expect((await readResources(store.db, operator, query(relaxed))).months).toHaveLength(3);
    expect(
      await refusal(
        readResources(store.db, operator, query(person, { asOf: new Date(Date.now() + 60_000) })),
      ),
    ).toBe('REQUEST_INVALID');
  });

  it('flags a NIR declared by another company with another birth date, and refuses to answer from then on', async () => {
    const text = await generatedDsn({ seed: 53, establishments: 1, employees: 2 });
    await depositDsn(at('2026-04-05T10:00:00Z'), { source: chunked(text), declarant: null });
    const person = declaredPersons(text)[0]!;
    // Another company declares the same NIR, born another day.
    const other = await generatedDsn({ seed: 54, establishments: 1, employees: 2 });
    const otherNir = declaredPersons(other)[0]!.nir.slice(0, 13);
    const clash = sameNamesOtherBirthDate(other, otherNir, person);
    const outcome = await depositDsn(at('2026-04-06T10:00:00Z'), { source: chunked(clash), declarant: null });
    expect(outcome.status).toBe('accepted');
    const flags = await store.db.selectFrom('identity_flag').selectAll().execute();
    expect(flags.map((f) => [f.nir, f.kind])).toEqual([[person.nir.slice(0, 13), 'NIR_BIRTH_DATE']]);
    expect(await refusal(readResources(store.db, operator, query(person)))).toBe('DRM_IDENTITY_UNCERTAIN');
    // As known before the second declarant filed, the answer was given.
    const month = paymentMonth(text);
    const earlier = await readResources(
      store.db,
      operator,
      query(person, { from: month, to: month, asOf: new Date('2026-04-05T12:00:00Z') }),
    );
    expect(earlier.months[0]!.lines).toHaveLength(1);
  });

  it('keeps persons known only by a temporary id apart, never under a NIR', async () => {
    const text = await generatedDsn({ seed: 55, establishments: 1, employees: 2 });
    const person = declaredPersons(text)[0]!;
    const withNtt = text
      .replace(`S21.G00.30.001,'${person.nir.slice(0, 13)}'\n`, '')
      .replace(/(S21\.G00\.30\.019,'[^']*'\n)/, `$1S21.G00.30.020,'NTT0000000000000001'\n`);
    const outcome = await depositDsn(at('2026-04-07T10:00:00Z'), {
      source: chunked(withNtt),
      declarant: null,
    });
    expect(outcome.status, JSON.stringify(outcome.report.groups)).toBe('accepted');
    const ntt = await store.db.selectFrom('resource_line_ntt').selectAll().execute();
    expect(ntt.map((l) => l.ntt)).toEqual(['NTT0000000000000001']);
    expect(await refusal(readResources(store.db, operator, query(person)))).toBe('DRM_PERSON_UNKNOWN');
  });
  it('flags clearly different names from another company, and one person under two NIRs', async () => {
    const text = await generatedDsn({ seed: 57, establishments: 1, employees: 2 });
    await depositDsn(at('2026-04-05T10:00:00Z'), { source: chunked(text), declarant: null });
    const [person, colleague] = declaredPersons(text) as [DeclaredPerson, DeclaredPerson];
    const other = await generatedDsn({ seed: 58, establishments: 1, employees: 2 });
    const otherNir = declaredPersons(other)[0]!.nir.slice(0, 13);
    const renamed = sameNamesOtherBirthDate(other, otherNir, person)
      .replace(`S21.G00.30.002,'${person.lastName}'`, "S21.G00.30.002,'ZYXWVU'")
      .replace(
        "S21.G00.30.006,'01011950'",
        `S21.G00.30.006,'${person.birthDate.split('-').reverse().join('')}'`,
      );
    await depositDsn(at('2026-04-06T10:00:00Z'), { source: chunked(renamed), declarant: null });
    // The next month, the same establishment declares the colleague (same employee number and
    // birth date) under another NIR.
    const next = await generatedDsn({ seed: 57, establishments: 1, employees: 2, month: '2026-04' });
    const otherNirOfColleague = `${colleague.nir.slice(0, 10)}${colleague.nir.slice(10, 13) === '999' ? '998' : '999'}`;
    const moved = next.replace(
      `S21.G00.30.001,'${colleague.nir.slice(0, 13)}'`,
      `S21.G00.30.001,'${otherNirOfColleague}'`,
    );
    const outcome = await depositDsn(at('2026-05-06T10:00:00Z'), { source: chunked(moved), declarant: null });
    expect(outcome.status).toBe('accepted');
    const flags = await store.db
      .selectFrom('identity_flag')
      .select(['nir', 'kind', 'other_nir'])
      .where('nir', 'in', [person.nir.slice(0, 13), colleague.nir.slice(0, 13), otherNirOfColleague])
      .orderBy('kind')
      .orderBy('nir')
      .execute();
    expect(flags).toEqual([
      { nir: person.nir.slice(0, 13), kind: 'NIR_NAMES', other_nir: null },
      ...[
        { nir: colleague.nir.slice(0, 13), kind: 'NIR_SEVERAL', other_nir: otherNirOfColleague },
        { nir: otherNirOfColleague, kind: 'NIR_SEVERAL', other_nir: colleague.nir.slice(0, 13) },
      ].sort((a, b) => a.nir.localeCompare(b.nir)),
    ]);
    expect(await refusal(readResources(store.db, operator, query(colleague)))).toBe('DRM_IDENTITY_UNCERTAIN');
  });

  it('folds names in SQL exactly as in TypeScript', async () => {
    const names = [
      "Lætitia-Hélène d'Orléans",
      'ÉLOÏSE',
      'çà  et là',
      'JEAN-PIERRE',
      'Ølaf Ÿves',
      'DE LA FONTAINE',
      '',
    ];
    for (const name of names) {
      const { rows } = await sql<{ folded: string; keys: string[] }>`
        select drm_fold(${name}) as folded, drm_name_keys(${name}) as keys`.execute(store.db);
      expect(rows[0]!.folded, name).toBe(foldName(name));
      expect([...rows[0]!.keys].sort(), name).toEqual([...nameKeys(name)].sort());
    }
  });
});
