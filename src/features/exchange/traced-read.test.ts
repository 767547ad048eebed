import { beforeAll, describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext, withMemoryStore } from '../../../test/deposit-helpers.ts';
import {
  bodyCaller,
  cafSiren,
  cafSiret,
  keysAtAnyDepth,
  siretOf,
  sirenOf,
} from '../../../test/exchange-helpers.ts';
import { operator } from '../../platform/auth/operator.ts';
import { AppError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { declarantCaller } from '../declarant/declarants.ts';
import { addMonths } from '../drm/months.ts';
import { withKey } from '../drm/nir.ts';
import { grantableFields } from './fields.ts';
import {
  readResourcesTraced,
  readWindowsTraced,
  type ResourcesRequest,
  type TraceStore,
} from './traced-read.ts';
import { traceEntriesAfter } from './trace/access-trace-repository.ts';
import { personHmac } from './trace/entry.ts';
import { ephemeralTraceKeys } from './trace/keys.ts';
import { verifyTrace } from './trace/verify.ts';

const context = { recipient: cafSiret, purpose: 'RSA_PPA', requestId: 'req-1' };

async function thrown(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('traced reads (PGlite)', () => {
  let store: Store;
  let trace: TraceStore;
  let person: DeclaredPerson;
  let month: string;
  /** The month after the payments: they sit within a 12-month depth. */
  let now: Date;
  withMemoryStore((opened) => (store = opened));

  beforeAll(async () => {
    trace = { db: store.db, keys: ephemeralTraceKeys() };
    const dsn = await generatedDsn({ seed: 151, establishments: 1, employees: 3 });
    const outcome = await depositDsn(
      { ...intakeContext(store), now: () => new Date('2026-04-08T10:00:00Z') },
      { source: chunked(dsn), declarant: null },
    );
    expect(outcome.status).toBe('accepted');
    person = declaredPersons(dsn)[0]!;
    month = paymentMonth(dsn);
    now = new Date(`${addMonths(month, 1)}-15T12:00:00Z`);
  });

  const request = (p: DeclaredPerson, extra: Partial<ResourcesRequest> = {}): ResourcesRequest => ({
    nir: p.nir,
    identity: { lastName: p.lastName, firstNames: p.firstNames, birthDate: p.birthDate },
    from: month,
    to: month,
    caseReference: 'CAF-2026-0001',
    ...extra,
  });
  const entriesSince = async (position: number) => traceEntriesAfter(store.db, position, 1000);
  const lastPosition = async () => (await entriesSince(0)).at(-1)?.position ?? 0;

  it('serves a body only its fields, and traces the read with the person as a keyed hash', async () => {
    const before = await lastPosition();
    const [outcome] = await readResourcesTraced(trace, bodyCaller(), context, [request(person)], { now });
    expect(outcome!.ok).toBe(true);
    const answer = outcome!.ok ? outcome!.answer : null;
    const keys = keysAtAnyDepth(answer);
    expect(keys.has('netSocial')).toBe(true);
    for (const field of grantableFields.filter((f) => f !== 'netSocial')) expect(keys.has(field)).toBe(false);
    expect(answer!.months[0]!.lines.length).toBeGreaterThan(0);

    const [entry] = await entriesSince(before);
    expect(entry).toMatchObject({
      callerKind: 'body',
      bodySiret: cafSiret,
      purpose: 'RSA_PPA',
      recipient: cafSiret,
      caseReference: 'CAF-2026-0001',
      service: 'ressources',
      fields: ['netSocial'],
      months: [month],
      outcome: 'served',
      requestId: 'req-1',
    });
    expect(entry!.personHmac.equals(personHmac(trace.keys.person, person.nir.slice(0, 13)))).toBe(true);
    expect(JSON.stringify(entry)).not.toContain(person.nir.slice(0, 13));
    expect((await verifyTrace(store.db, trace.keys)).problem).toBeNull();
  });

  it('serves the fields granted, whichever they are', async () => {
    const caller = bodyCaller({ fields: ['netPaid', 'payer', 'provenance'] });
    const [outcome] = await readResourcesTraced(trace, caller, context, [request(person)], { now });
    const keys = keysAtAnyDepth(outcome!.ok ? outcome!.answer : null);
    for (const field of ['netPaid', 'payer', 'provenance']) expect(keys.has(field)).toBe(true);
    for (const field of ['netSocial', 'netTaxable', 'gross', 'pasWithheld', 'kind', 'source', 'incomeClass'])
      expect(keys.has(field)).toBe(false);
  });

  it('answers an unknown NIR and a mismatching identity the same way, both traced', async () => {
    const before = await lastPosition();
    const unknown = { ...person, nir: withKey('1800175123456') };
    const [a, b] = await readResourcesTraced(
      trace,
      bodyCaller(),
      context,
      [request(unknown), request({ ...person, lastName: 'AUTRE' })],
      { now },
    );
    expect(a!.ok || b!.ok).toBe(false);
    const [ea, eb] = [a, b].map((o) => (o!.ok ? null : o!.error));
    expect(ea!.code).toBe('DRM_PERSON_NOT_FOUND');
    expect({ code: eb!.code, detail: eb!.detail, source: eb!.source }).toEqual({
      code: ea!.code,
      detail: ea!.detail,
      source: ea!.source,
    });
    const entries = await entriesSince(before);
    expect(entries.map((e) => [e.outcome, e.fields, e.months])).toEqual([
      ['DRM_PERSON_NOT_FOUND', [], []],
      ['DRM_PERSON_NOT_FOUND', [], []],
    ]);
  });

  it('refuses a purpose other than the habilitation’s, and traces nothing', async () => {
    const before = await lastPosition();
    const error = await thrown(
      readResourcesTraced(trace, bodyCaller(), { ...context, purpose: 'APL' }, [request(person)], { now }),
    );
    expect([error.code, error.source]).toEqual(['EXCHANGE_PURPOSE', { pointer: '/finalite' }]);
    expect(await lastPosition()).toBe(before);
  });

  it('takes a recipient of the body’s SIREN only, with a valid SIRET', async () => {
    const other = siretOf(sirenOf('12345678'), '0001');
    for (const recipient of [other, '12345678901234', 'x', '']) {
      const error = await thrown(
        readResourcesTraced(trace, bodyCaller(), { ...context, recipient }, [request(person)], { now }),
      );
      expect([error.code, error.source]).toEqual(['EXCHANGE_RECIPIENT', { pointer: '/destinataire' }]);
    }
    const branch = siretOf(cafSiren, '0042');
    const [outcome] = await readResourcesTraced(
      trace,
      bodyCaller(),
      { ...context, recipient: branch },
      [request(person)],
      { now },
    );
    expect(outcome!.ok).toBe(true);
  });

  it('refuses months before the depth, whole, and names the first month allowed', async () => {
    const caller = bodyCaller({ depthMonths: 3 });
    const later = new Date(`${addMonths(month, 4)}-15T12:00:00Z`);
    const [partly, wholly, within] = await readResourcesTraced(
      trace,
      caller,
      context,
      [
        request(person, { from: addMonths(month, 1), to: addMonths(month, 3) }),
        request(person),
        request(person, { from: addMonths(month, 2), to: addMonths(month, 4) }),
      ],
      { now: later },
    );
    expect(partly!.ok).toBe(false);
    const error = partly!.ok ? null : partly!.error;
    expect([error!.code, error!.source]).toEqual(['EXCHANGE_DEPTH', { pointer: '/du' }]);
    expect(error!.detail).toContain(addMonths(month, 2));
    expect(wholly!.ok ? null : wholly!.error.code).toBe('EXCHANGE_DEPTH');
    expect(within!.ok).toBe(true);
  });

  it('answers a batch in input order, one trace entry per person, refusals included', async () => {
    const before = await lastPosition();
    const outcomes = await readResourcesTraced(
      trace,
      bodyCaller(),
      context,
      [
        request(person, { caseReference: 'A-1' }),
        request(person, { caseReference: '' }),
        request({ ...person, nir: '179127226906600' }, { caseReference: 'A-3' }),
        request(person, { caseReference: "'; drop table access_trace; --" }),
      ],
      { now, service: 'lot' },
    );
    expect(outcomes.map((o) => (o.ok ? 'served' : o.error.code))).toEqual([
      'served',
      'EXCHANGE_CASE',
      'DRM_NIR_KEY',
      'served',
    ]);
    const entries = await entriesSince(before);
    expect(entries.map((e) => [e.caseReference, e.outcome, e.service])).toEqual([
      ['A-1', 'served', 'lot'],
      ['', 'EXCHANGE_CASE', 'lot'],
      ['A-3', 'DRM_NIR_KEY', 'lot'],
      ["'; drop table access_trace; --", 'served', 'lot'],
    ]);
    expect((await verifyTrace(store.db, trace.keys)).problem).toBeNull();
  });

  it('refuses case references that are not 1–64 printable characters', async () => {
    const outcomes = await readResourcesTraced(
      trace,
      bodyCaller(),
      context,
      ['x'.repeat(65), ' lead', 'tab\there', 'é', '\u0000'].map((caseReference) =>
        request(person, { caseReference }),
      ),
      { now },
    );
    expect(outcomes.map((o) => (o.ok ? 'served' : o.error.code))).toEqual(Array(5).fill('EXCHANGE_CASE'));
    // What was refused is not what the trace keeps: a case reference it refused is traced empty.
    const entries = (await entriesSince(0)).slice(-5);
    expect(entries.map((e) => e.caseReference)).toEqual(Array(5).fill(''));
  });

  it('serves the windows only to a habilitation granting netSocial', async () => {
    const windowsQuery = { ...request(person), month: addMonths(month, 2) };
    const [refused] = await readWindowsTraced(
      trace,
      bodyCaller({ fields: ['netPaid'] }),
      context,
      [windowsQuery],
      {
        now,
      },
    );
    expect(refused!.ok ? null : refused!.error.code).toBe('EXCHANGE_FIELDS');
    const [served] = await readWindowsTraced(
      trace,
      bodyCaller({ depthMonths: 24 }),
      context,
      [windowsQuery],
      {
        now: new Date(`${addMonths(month, 2)}-15T12:00:00Z`),
      },
    );
    expect(served!.ok).toBe(true);
    const [entry] = (await entriesSince(0)).slice(-1);
    expect(entry!.months).toEqual([addMonths(month, -2), addMonths(month, -1), month, addMonths(month, 1)]);
  });

  it('lets the operator read everything under a known purpose, with explicit refusals', async () => {
    const operatorContext = { recipient: null, purpose: 'RSA_PPA', requestId: 'op-1' };
    const [full, mismatch] = await readResourcesTraced(
      trace,
      operator,
      operatorContext,
      [request(person), request({ ...person, lastName: 'AUTRE' })],
      { now },
    );
    const keys = keysAtAnyDepth(full!.ok ? full!.answer : null);
    for (const field of ['netSocial', 'netPaid', 'gross', 'payer', 'provenance'])
      expect(keys.has(field)).toBe(true);
    expect(mismatch!.ok ? null : mismatch!.error.code).toBe('DRM_IDENTITY_MISMATCH');
    const [last] = (await entriesSince(0)).slice(-1);
    expect([last!.callerKind, last!.bodySiret]).toEqual(['operator', null]);
    const error = await thrown(
      readResourcesTraced(trace, operator, { ...operatorContext, purpose: 'INCONNUE' }, [request(person)], {
        now,
      }),
    );
    expect(error.code).toBe('EXCHANGE_PURPOSE');
  });

  it('refuses a declarant', async () => {
    const declarant = declarantCaller({ id: '00000000-0000-7000-8000-000000000001', scope: cafSiren });
    const error = await thrown(readResourcesTraced(trace, declarant, context, [request(person)], { now }));
    expect(error.code).toBe('AUTH_SCOPE');
  });
});
