import { describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import {
  chunked,
  databaseUrl,
  generatedDsn,
  intakeContext,
  sayWhenSkipped,
  withPostgresStore,
} from '../../../test/deposit-helpers.ts';
import { cafSiret, habilitatedBody, personLine } from '../../../test/exchange-callers.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { replacementOf } from '../deposit/replacement.ts';
import { bulkJobs } from './bulk-jobs.ts';
import { tracedBulkRead } from './bulk-read.ts';
import { lotResult, lotStatus, submitLot } from './bulk.ts';
import { readFeed } from './feed.ts';
import { followPersons } from './follows.ts';
import { ephemeralTraceKeys } from './trace/keys.ts';

sayWhenSkipped('src/features/exchange/feed-bulk.pg.test.ts');
const schema = 'relais_test_exchange_feed';
const lines = (texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

/** Bulk lots and the feed on a real PostgreSQL, where two runners and a deposit do run at once. */
describe.skipIf(!databaseUrl)('bulk reads and the change feed (PostgreSQL)', () => {
  let store: Store;
  withPostgresStore(schema, (opened) => (store = opened));

  it(
    'reads a lot with two runners at once, each line once, traced, while the feed shows a correction',
    { timeout: 240_000 },
    async () => {
      const text = await generatedDsn({ seed: 83, establishments: 1, employees: 40, month: '2026-03' });
      const persons = declaredPersons(text) as [DeclaredPerson, ...DeclaredPerson[]];
      const month = paymentMonth(text);
      const deposit = (body: string, at: string) =>
        depositDsn(
          { ...intakeContext(store), now: () => new Date(at) },
          { source: chunked(body), declarant: null },
        );
      await deposit(text, '2026-04-05T10:00:00Z');
      const caf = await habilitatedBody(store.db, { siret: cafSiret });
      const now = new Date('2026-05-15T10:00:00Z');
      await followPersons(store.db, caf, lines([personLine(persons[0], 'SUIVI')]), now);

      const { id } = await submitLot(
        store.db,
        caf,
        { destinataire: cafSiret, finalite: 'RSA_PPA', du: month, au: month },
        lines(persons.map((p, i) => personLine(p, `L-${i}`))),
        'req-pg',
      );
      const jobs = bulkJobs(tracedBulkRead(ephemeralTraceKeys()), 7);
      const runners = [1, 2].map((n) => new JobRunner(store.db, jobs, silentLogger(), { worker: `w${n}` }));
      await Promise.all([
        ...runners.map((r) => r.runUntilIdle()),
        deposit(replacementOf(text, { fileDate: '10042026' }), '2026-04-10T10:00:00Z'),
      ]);
      expect(await lotStatus(store.db, caf, id)).toMatchObject({
        etat: 'termine',
        traitees: 40,
        refusees: 0,
      });
      let body = '';
      for await (const page of await lotResult(store.db, caf, id)) body += page;
      const answers = body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { ligne: number; dossier: string });
      expect(answers.map((a) => a.dossier)).toEqual(persons.map((_, i) => `L-${i}`));
      const traced = await store.db
        .selectFrom('access_trace')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('service', '=', 'lot')
        .executeTakeFirstOrThrow();
      expect(Number(traced.n)).toBe(40);

      const feed = await readFeed(store.db, caf, '0', 100, now);
      expect(feed.evenements.map((e) => [e.dossier, e.mois, e.nature])).toEqual([
        ['SUIVI', month, 'correction'],
      ]);
    },
  );
});
