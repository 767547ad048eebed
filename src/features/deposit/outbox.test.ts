import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cancellationOf, declaredPersons, firstIndividualAs } from '../../../test/drm-helpers.ts';
import {
  chunked,
  generatedDsn,
  intakeContext,
  tableSize,
  withMemoryStore,
} from '../../../test/deposit-helpers.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import { depositJobs, summariseRowsJob } from './deposit-jobs.ts';
import { replacementOf } from './replacement.ts';
import type { DepositOutcome } from './views.ts';

/** Events, jobs and diagnostics written by deposits, on PGlite; commit order under load is in the PostgreSQL tests. */
describe('deposit outbox (PGlite)', () => {
  let store: Store;
  let ctx: IntakeContext;
  withMemoryStore((opened) => {
    store = opened;
    ctx = intakeContext(store);
  });

  const eventsOf = (outcome: DepositOutcome) =>
    store.db
      .selectFrom('event')
      .selectAll()
      .where('deposit_id', '=', outcome.acknowledgement.depositId)
      .orderBy('position')
      .execute();
  const jobsOf = (outcome: DepositOutcome) =>
    store.db
      .selectFrom('job')
      .selectAll()
      .where(sql<string>`payload->>'depositId'`, '=', outcome.acknowledgement.depositId)
      .execute();
  const keyOf = async (declarationId: string) =>
    (
      await store.db
        .selectFrom('declaration')
        .select('key')
        .where('id', '=', declarationId)
        .executeTakeFirstOrThrow()
    ).key;
  const counts = async () => {
    const n = (table: 'event' | 'job' | 'diagnostic' | 'deposit') => tableSize(store, table);
    return {
      event: await n('event'),
      job: await n('job'),
      diagnostic: await n('diagnostic'),
      deposit: await n('deposit'),
    };
  };

  it('records an accepted deposit, its declaration and its resource lines, and enqueues its BRIN summary', async () => {
    const text = await generatedDsn({ seed: 71, establishments: 1, employees: 4 });
    const outcome = await depositDsn(ctx, { source: chunked(text), declarant: null });
    expect(outcome.status).toBe('accepted');
    const [declaration] = outcome.declarations;
    const key = await keyOf(declaration!.id);
    const lines = await store.db
      .selectFrom('resource_line')
      .select('line')
      .where('declaration_key', '=', key)
      .execute();
    const events = await eventsOf(outcome);
    expect(events.map((e) => e.kind)).toEqual([
      'deposit.received',
      'declaration.accepted',
      'resource_lines.added',
    ]);
    const decidedAt = new Date(outcome.decidedAt);
    expect(events[0]).toMatchObject({
      at: decidedAt,
      declarant_id: null,
      declaration_id: null,
      data: {
        status: 'accepted',
        sha256: outcome.acknowledgement.sha256,
        declarations: 1,
        individuals: 4,
        blocking: 0,
      },
    });
    const about = {
      declaration_id: declaration!.id,
      declaration_key: key,
      siret: declaration!.siret,
      month: '2026-03-01',
    };
    expect(events[1]).toMatchObject({
      ...about,
      data: { nature: '01', type: '01', position: 1, individuals: 4 },
    });
    expect(events[2]).toMatchObject({ ...about, data: { lines: lines.length } });
    expect(lines.length).toBeGreaterThan(0);
    // One transaction, one run of positions.
    expect(events.map((e) => e.position - events[0]!.position)).toEqual([0, 1, 2]);

    const [job] = await jobsOf(outcome);
    expect(job).toMatchObject({ kind: summariseRowsJob, state: 'pending', attempts: 0 });
    expect(await new JobRunner(store.db, depositJobs, silentLogger()).runUntilIdle()).toBeGreaterThanOrEqual(
      1,
    );
    expect((await jobsOf(outcome))[0]).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('records a rejected deposit and its declaration, with no job', async () => {
    const text = (await generatedDsn({ seed: 72, establishments: 1, employees: 2 })).replace(
      /^S21\.G00\.50\.001,'\d{8}'$/m,
      "S21.G00.50.001,'32012026'",
    );
    const outcome = await depositDsn(ctx, { source: chunked(text), declarant: null });
    expect(outcome.status).toBe('rejected');
    const events = await eventsOf(outcome);
    expect(events.map((e) => e.kind)).toEqual(['deposit.received', 'declaration.rejected']);
    expect(events[0]!.data).toMatchObject({ status: 'rejected', blocking: outcome.report.summary.blocking });
    expect(events[1]).toMatchObject({
      declaration_id: outcome.declarations[0]!.id,
      data: { nature: '01', type: '01' },
    });
    expect(await jobsOf(outcome)).toEqual([]);
  });

  it('says which declaration an annule-et-remplace replaced and an annulation cancelled, lines included', async () => {
    const original = await generatedDsn({ seed: 73, establishments: 1, employees: 3, month: '2026-02' });
    const first = await depositDsn(ctx, { source: chunked(original), declarant: null });
    const replacement = replacementOf(original, { fileDate: '10032026' });
    const second = await depositDsn(ctx, { source: chunked(replacement), declarant: null });
    expect(second.status).toBe('accepted');
    const [old] = first.declarations;
    const [fresh] = second.declarations;
    const replaced = await eventsOf(second);
    expect(replaced.map((e) => [e.kind, e.declaration_id])).toEqual([
      ['deposit.received', null],
      ['declaration.replaced', old!.id],
      ['resource_lines.closed', old!.id],
      ['declaration.accepted', fresh!.id],
      ['resource_lines.added', fresh!.id],
    ]);
    expect(replaced[1]).toMatchObject({
      declaration_key: await keyOf(old!.id),
      siret: old!.siret,
      month: '2026-02-01',
      data: { by: fresh!.id },
    });

    const third = await depositDsn(ctx, {
      source: chunked(cancellationOf(original, '20032026')),
      declarant: null,
    });
    expect(third.status).toBe('accepted');
    const cancelled = await eventsOf(third);
    // The annulation declares nobody: no lines of its own.
    expect(cancelled.map((e) => [e.kind, e.declaration_id])).toEqual([
      ['deposit.received', null],
      ['declaration.cancelled', fresh!.id],
      ['resource_lines.closed', fresh!.id],
      ['declaration.accepted', third.declarations[0]!.id],
    ]);
  });

  it('tells of an identity flag by its id and kind, never by the NIR', async () => {
    const text = await generatedDsn({ seed: 74, establishments: 1, employees: 2 });
    await depositDsn(ctx, { source: chunked(text), declarant: null });
    const person = declaredPersons(text)[0]!;
    // Another company declares the same NIR, born another day.
    const other = await generatedDsn({ seed: 75, establishments: 1, employees: 2 });
    const clash = firstIndividualAs(other, { ...person, birthDate: '1950-01-01' });
    const outcome = await depositDsn(ctx, { source: chunked(clash), declarant: null });
    expect(outcome.status).toBe('accepted');
    const flag = await store.db
      .selectFrom('identity_flag')
      .selectAll()
      .where('nir', '=', person.nir.slice(0, 13))
      .executeTakeFirstOrThrow();
    const events = await eventsOf(outcome);
    expect(events.filter((e) => e.kind === 'identity_flag.raised')).toMatchObject([
      { declaration_key: flag.declaration_key, data: { flagId: flag.id, kind: 'NIR_BIRTH_DATE' } },
    ]);
    const everything = JSON.stringify(await store.db.selectFrom('event').selectAll().execute());
    for (const p of [...declaredPersons(text), ...declaredPersons(clash)]) {
      expect(everything).not.toContain(p.nir.slice(0, 13));
      expect(everything).not.toContain(p.lastName);
    }
  });

  it('leaves no event, job nor diagnostic of a deposit aborted while read', async () => {
    const text = (await generatedDsn({ seed: 76, establishments: 1, employees: 30 })).replace(
      /^(S21\.G00\.30\.004,'[^']*')$/gm,
      '$1 ',
    );
    const before = await counts();
    const controller = new AbortController();
    const pieces = chunked(text, 4096);
    const source = (async function* () {
      for (const [i, piece] of pieces.entries()) {
        if (i === pieces.length - 2) controller.abort();
        yield piece;
      }
    })();
    await expect(depositDsn(ctx, { source, declarant: null, signal: controller.signal })).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('leaves no event, job nor diagnostic of a deposit whose last statement fails', async () => {
    const text = (await generatedDsn({ seed: 77, establishments: 1, employees: 5 })).replace(
      /^(S21\.G00\.30\.004,'[^']*')$/gm,
      '$1 ',
    );
    const before = await counts();
    // The events are appended last, right before COMMIT: everything else is written by then.
    await sql`create function refuse_event() returns trigger language plpgsql as $$
      begin raise exception 'disque plein'; end $$`.execute(store.db);
    await sql`create trigger refuse_event before insert on event for each row execute function refuse_event()`.execute(
      store.db,
    );
    try {
      await expect(depositDsn(ctx, { source: chunked(text), declarant: null })).rejects.toThrow(
        /disque plein/,
      );
    } finally {
      await sql`drop trigger refuse_event on event`.execute(store.db);
      await sql`drop function refuse_event()`.execute(store.db);
    }
    expect(await counts()).toEqual(before);
    // The same bytes deposited again are recorded in full.
    const outcome = await depositDsn(ctx, { source: chunked(text), declarant: null });
    expect(outcome.duplicate).toBe(false);
    expect(await counts()).toEqual({
      event: before.event + 3,
      job: before.job + 1,
      diagnostic: before.diagnostic + 5,
      deposit: before.deposit + 1,
    });
  });
});
