import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExample } from '../../../test/example-runner.ts';
import { dsnVersions, loadCatalogue } from '../norm/catalogue.ts';
import { controls } from './registry.ts';

const bases = join(import.meta.dirname, '..', 'examples', 'bases');
const baseText = (name = 'minimal') => readFileSync(join(bases, `${name}.dsn`), 'latin1');

const versions = dsnVersions.filter((v) => v !== 'P19V01');
const listed = new Map<string, Set<string>>();
for (const version of versions) {
  const catalogue = await loadCatalogue(version);
  listed.set(version, new Set(catalogue.messages.map((m) => m.id)));
}

describe('control examples', () => {
  for (const control of controls) {
    const applies = versions.filter((v) => control.versions?.includes(v) ?? listed.get(v)!.has(control.id));
    describe(control.id, () => {
      if (control.status === 'not-applicable') {
        // It does not run in a self-check: no example to show, a reason instead.
        it('says why it does not apply', () => {
          expect(control.reason).toBeTruthy();
        });
      } else {
        it('has a failing and a passing example', () => {
          expect(control.examples?.().some((e) => e.fails)).toBe(true);
          expect(control.examples?.().some((e) => !e.fails)).toBe(true);
        });
      }
      if (control.status === 'needs-table') {
        it('names its tables and why it needs them, and is silent without them', async () => {
          expect(control.tables?.length, 'tables').toBeGreaterThan(0);
          expect(control.reason, 'reason').toBeTruthy();
          const failing = control.examples?.().find((e) => e.fails && e.tables);
          expect(failing, 'un exemple en échec avec ses tables').toBeDefined();
          const version = applies.filter((v) => failing!.versions?.includes(v) ?? true).at(-1)!;
          const outcome = await runExample(control, failing!, version, baseText(failing!.base), {
            withoutTables: true,
          });
          expect(outcome.reported).toEqual([]);
        });
      }
      for (const example of control.examples?.() ?? []) {
        for (const version of applies.filter((v) => example.versions?.includes(v) ?? true)) {
          it(`${example.fails ? 'signale' : 'accepte'} : ${example.title} (${version})`, async () => {
            const outcome = await runExample(control, example, version, baseText(example.base));
            expect(outcome.reported.length > 0, outcome.reported.map((d) => d.message).join('\n')).toBe(
              example.fails,
            );
          });
        }
      }
    });
  }
});

describe('registry', () => {
  it('has one implementation per official id and version', () => {
    const seen = new Map<string, Set<string>>();
    for (const control of controls) {
      const applies = versions.filter((v) => control.versions?.includes(v) ?? listed.get(v)!.has(control.id));
      const used = seen.get(control.id) ?? new Set<string>();
      for (const v of applies) {
        expect(used.has(v), `${control.id} défini deux fois pour ${v}`).toBe(false);
        used.add(v);
      }
      seen.set(control.id, used);
    }
  });

  it('only names official controls', () => {
    const all = new Set([...listed.values()].flatMap((s) => [...s]));
    expect(controls.map((c) => c.id).filter((id) => !all.has(id))).toEqual([]);
  });
});
