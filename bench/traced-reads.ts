/**
 * Traced reads on PostgreSQL: a batch of 1,000 persons read through `readResourcesTraced` (context,
 * minimisation, one trace entry each, one transaction) against the same persons read bare (one
 * `readResources` transaction each, as the operator API did), then `verifyTrace` over the entries.
 * `DATABASE_URL=postgres://… npx tsx bench/traced-reads.ts [--persons 1000] [--rounds 5]`; works in
 * its own schema, dropped at the end.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { bodyCaller, cafSiret } from '../test/exchange-callers.ts';
import { declaredPersons, paymentMonth } from '../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext } from '../test/deposit-helpers.ts';
import { depositDsn } from '../src/features/deposit/deposit.ts';
import { addMonths } from '../src/features/drm/months.ts';
import { readResources } from '../src/features/drm/read.ts';
import { readResourcesTraced } from '../src/features/exchange/traced-read.ts';
import { ephemeralTraceKeys } from '../src/features/exchange/trace/keys.ts';
import { verifyTrace } from '../src/features/exchange/trace/verify.ts';
import { operator } from '../src/platform/auth/operator.ts';
import { openStore } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' } },
});
const count = Number(values.persons);
const rounds = Number(values.rounds);
const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL is required');
const schema = 'relais_bench_traced_reads';

const store = await openStore({ kind: 'postgres', url, schema, poolMax: 4 });
await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
await sql`create schema ${sql.id(schema)}`.execute(store.db);
const migrated = await migrateToLatest(store.db as never);
if (migrated.error) throw migrated.error;
try {
  const dsn = await generatedDsn({ seed: 5, establishments: 1, employees: count });
  await depositDsn(
    { ...intakeContext(store), now: () => new Date('2026-04-08T10:00:00Z') },
    { source: chunked(dsn, 1 << 20), declarant: null },
  );
  const month = paymentMonth(dsn);
  const now = new Date(`${addMonths(month, 1)}-10T10:00:00Z`);
  const requests = declaredPersons(dsn).map((p, i) => ({
    nir: p.nir,
    identity: { lastName: p.lastName, firstNames: p.firstNames, birthDate: p.birthDate },
    from: addMonths(month, -2),
    to: month,
    caseReference: `BENCH-${i}`,
  }));
  const trace = { db: store.db, keys: ephemeralTraceKeys() };
  const caller = bodyCaller();
  const context = { recipient: cafSiret, purpose: 'RSA_PPA', requestId: 'bench' };

  const timed = async (work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const best = (seconds: number[]) => Math.min(...seconds);
  const traced: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < rounds; round++) {
    traced.push(
      await timed(async () => {
        const outcomes = await readResourcesTraced(trace, caller, context, requests, { now });
        if (!outcomes.every((o) => o.ok)) throw new Error('a traced read was refused');
      }),
    );
    bare.push(
      await timed(async () => {
        for (const r of requests) await readResources(store.db, operator, r, now);
      }),
    );
  }
  const verify = await timed(async () => {
    const report = await verifyTrace(store.db, trace.keys);
    if (report.problem) throw new Error(report.problem.detail);
  });
  const entries = requests.length * rounds;
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('fr-FR');
  console.log(
    `personnes lues par lot            : ${requests.length} (3 mois chacune), meilleur de ${rounds}`,
  );
  console.log(`lot tracé (1 transaction)         : ${rate(requests.length, best(traced))} personnes/s`);
  console.log(`lectures nues (1 transaction/personne) : ${rate(requests.length, best(bare))} personnes/s`);
  console.log(`vérification de la trace          : ${rate(entries, verify)} entrées/s (${entries} entrées)`);
} finally {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
  await store.close();
}
