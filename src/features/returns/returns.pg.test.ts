import { describe, expect, it } from 'vitest';
import {
  chunked,
  databaseUrl,
  generatedDsn,
  intakeContext,
  sayWhenSkipped,
  withPostgresStore,
} from '../../../test/deposit-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant, declarantCaller } from '../declarant/declarants.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { countReturns, readReturns, type ReturnView } from './returns.ts';

sayWhenSkipped('src/features/returns/returns.pg.test.ts');
const schema = 'relais_test_returns';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!databaseUrl)('returns stream (PostgreSQL)', () => {
  let store: Store;
  withPostgresStore(schema, (opened) => (store = opened));

  it(
    'gives each declarant, polling from its cursor during concurrent deposits, all its returns in order and none of the other’s',
    { timeout: 180_000 },
    async () => {
      const companies = { first: '552100554', second: '732829320' };
      const first = (await createDeclarant(store.db, 'Première', companies.first)).declarant;
      const second = (await createDeclarant(store.db, 'Seconde', companies.second)).declarant;
      const files = async (siren: string, seed: number) =>
        Promise.all(
          ['2026-01', '2026-02'].map((month) =>
            generatedDsn({ siren, month, seed, establishments: 1, employees: 5 }),
          ),
        );
      const deposits = [
        ...(await files(companies.first, 91)).map((text) => ({ text, declarant: first })),
        ...(await files(companies.second, 92)).map((text) => ({ text, declarant: second })),
        // Refused for its sender (another company's file): its returns are the sender's alone.
        {
          text: await generatedDsn({ siren: companies.first, month: '2026-04', seed: 93, employees: 3 }),
          declarant: second,
        },
      ];

      const ctx = intakeContext(store);
      let depositing = true;
      const follow = async (declarant: typeof first) => {
        const caller = declarantCaller(declarant);
        const seen: ReturnView[] = [];
        let cursor = 0;
        for (;;) {
          const last = !depositing;
          const page = await readReturns(store.db, caller, cursor, 2);
          seen.push(...page.events);
          cursor = page.next;
          if (last && !page.more && page.events.length === 0) return { seen, cursor };
          if (!page.more) await pause(3);
        }
      };
      const readers = [follow(first), follow(second)];
      const outcomes = await Promise.all(
        deposits.map(({ text, declarant }, i) =>
          depositDsn(ctx, { source: chunked(text, 2048 + i * 101), declarant }),
        ),
      ).finally(() => (depositing = false));
      const [firstSaw, secondSaw] = await Promise.all(readers);

      for (const [declarant, saw] of [
        [first, firstSaw!],
        [second, secondSaw!],
      ] as const) {
        const positions = saw.seen.map((e) => e.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
        // What the reader gathered while deposits committed is what one read gives afterwards.
        const whole = await readReturns(store.db, declarantCaller(declarant), 0, 1000);
        expect(saw.seen).toEqual(whole.events);
        const own = outcomes
          .filter((o) => o.declarantId === declarant.id)
          .map((o) => o.acknowledgement.depositId)
          .sort();
        expect([...new Set(saw.seen.map((e) => e.depositId))].sort()).toEqual(own);
        for (const id of own) {
          const kinds = saw.seen.filter((e) => e.depositId === id).map((e) => e.kind);
          expect(kinds[0]).toBe('ACCUSE_RECEPTION');
          expect(kinds.filter((k) => k === 'ACCUSE_RECEPTION')).toHaveLength(1);
        }
        const counts = await countReturns(store.db, declarantCaller(declarant), 0);
        expect(counts).toMatchObject({ unread: saw.seen.length, last: saw.cursor });
      }
      expect(firstSaw!.seen.filter((e) => e.kind === 'CERTIFICAT_CONFORMITE')).toHaveLength(2);
      expect(secondSaw!.seen.filter((e) => e.kind === 'CERTIFICAT_CONFORMITE')).toHaveLength(2);
      expect(secondSaw!.seen.filter((e) => e.kind === 'BILAN_ANOMALIES').length).toBeGreaterThanOrEqual(1);
    },
  );
});
