import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateCommand } from '../../cli/generate-command.ts';
import { UsageError } from '../../cli/errors.ts';
import { buildReferential } from '../../core/controls/referential.ts';
import { controls } from '../../core/controls/registry.ts';
import { loadCatalogue } from '../../core/norm/catalogue.ts';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import type { ControlFaultProblem } from './control-fault-plan.ts';
import { ControlFaultError, controlFaultKind, planControlFaults } from './control-faults.ts';
import { shiftDate } from './control-fault-examples.ts';
import { generateDsn } from './generate.ts';
import type { GenerateOptions } from './options.ts';
import { checkAll, expectKeyHolds, generateInMemory } from '../../../test/generator-helpers.ts';
import type { FaultRecord } from './writer.ts';

/** The implemented controls of a norm version (each id once). */
async function implementedIn(version: string): Promise<string[]> {
  const listed = new Set((await loadCatalogue(version)).messages.map((m) => m.id));
  const ids = controls
    .filter((c) => (c.status ?? 'implemented') === 'implemented')
    .filter((c) => c.versions?.includes(version) ?? listed.has(c.id))
    .map((c) => c.id);
  return [...new Set(ids)];
}

/**
 * Asks for every id, a batch per generated file, and checks each file against its key. Ids short of
 * room in their batch (too few declarations, the header already edited) go to a later batch.
 */
async function triggerAll(
  month: string,
  ids: readonly string[],
  nature: GenerateOptions['nature'] = '01',
): Promise<{ placed: string[]; problems: ControlFaultProblem[] }> {
  const placed: string[] = [];
  const problems: ControlFaultProblem[] = [];
  let pending = [...ids];
  for (let batch = 0; pending.length > 0; batch++) {
    const faultsOnly = pending.slice(0, 30);
    pending = pending.slice(30);
    const options: GenerateOptions = {
      month,
      establishments: 20,
      employees: 80,
      seed: 40 + batch,
      faultsOnly,
      nature,
    };
    const plan = await planControlFaults(options, nodeJsonLoader, { partial: true });
    for (const p of plan.problems) {
      if ((p.cause === 'room' || p.cause === 'header') && faultsOnly.length > 1) pending.push(p.id);
      else problems.push(p);
    }
    if (plan.ids.length === 0) continue;
    const chunks: Buffer[] = [];
    const faults: FaultRecord[] = [];
    await generateDsn(
      { ...options, faultsOnly: plan.ids, controlFaults: plan },
      { write: (chunk) => void chunks.push(Buffer.from(chunk)) },
      { onFault: (f) => faults.push(f), loadJson: nodeJsonLoader },
    );
    expect(faults.map((f) => f.code).sort()).toEqual([...plan.ids].sort());
    expect(new Set(faults.map((f) => f.kind))).toEqual(new Set([controlFaultKind]));
    expectKeyHolds(await checkAll(Buffer.concat(chunks)), faults);
    placed.push(...plan.ids);
  }
  return { placed, problems };
}

describe('relais generate --faults-only', () => {
  for (const [version, month, every] of [
    ['P26V01', '2026-01', 1],
    ['P24V01', '2024-03', 4],
    ['P27V01', '2027-02', 4],
  ] as const) {
    it(`${version} : chaque contrôle déclenchable est signalé à la ligne de la clé, et rien d'autre que ses conséquences`, async () => {
      const ids = (await implementedIn(version)).filter((_, i) => i % every === 0);
      const { placed, problems } = await triggerAll(month, ids);
      expect(placed.length + problems.length).toBe(ids.length);
      // What cannot be triggered is said: another nature, or examples a generated file cannot carry.
      for (const p of problems) {
        expect(['nature', 'examples'], `${p.id} : ${p.reason}`).toContain(p.cause);
        expect(p.reason.length).toBeGreaterThan(20);
      }
      expect(placed.length / ids.length).toBeGreaterThan(0.8);
    }, 180_000);
  }

  // Every control written for the stoppage reports is placed; for the other reports, the few whose
  // examples rely on data the generator does not write (a collective agreement, a contract's
  // details) are said so.
  for (const [nature, share] of [
    ['04', 1],
    ['05', 1],
    ['07', 0.8],
    ['08', 0.7],
    ['10', 0.6],
  ] as const) {
    it(`nature ${nature} : les contrôles des signalements se déclenchent dans un signalement généré`, async () => {
      const ids = controls
        .filter((c) => (c.status ?? 'implemented') === 'implemented')
        .filter((c) =>
          (c.examples?.() ?? []).some(
            (e) =>
              e.fails && e.edits.some((x) => 'set' in x && x.set === 'S20.G00.05.001' && x.value === nature),
          ),
        )
        .map((c) => c.id);
      const inP26 = new Set(await implementedIn('P26V01'));
      const wanted = [...new Set(ids)].filter((id) => inP26.has(id));
      expect(wanted.length).toBeGreaterThan(1);
      const { placed, problems } = await triggerAll('2026-01', wanted, nature);
      expect(placed.length + problems.length).toBe(wanted.length);
      for (const p of problems) expect(p.cause, `${p.id} : ${p.reason}`).toBe('examples');
      expect(placed.length / wanted.length).toBeGreaterThanOrEqual(share);
    }, 180_000);
  }

  it('avec --faults : les anomalies tirées au hasard et les contrôles choisis ont chacun leur ligne', async () => {
    const options: GenerateOptions = {
      month: '2026-01',
      establishments: 6,
      employees: 40,
      seed: 2,
      faults: 0.4,
      faultsOnly: (await implementedIn('P26V01')).filter((_, i) => i % 40 === 0),
    };
    // Those that cannot be triggered are left out (`partial`), as `triggerAll` does.
    const plan = await planControlFaults(options, nodeJsonLoader, { partial: true });
    const { bytes, faults } = await generateInMemory({
      ...options,
      faultsOnly: plan.ids,
      controlFaults: plan,
    });
    const picked = faults.filter((f) => f.kind === controlFaultKind);
    expect(picked.length).toBeGreaterThan(5);
    expect(faults.length).toBeGreaterThan(picked.length);
    expectKeyHolds(await checkAll(bytes), faults);
  });

  it('ne change que les lignes des unités où les contrôles sont déclenchés', async () => {
    const options = { month: '2026-01', establishments: 2, employees: 12, seed: 9 };
    const plain = (await generateInMemory(options)).bytes.toString('latin1').split('\n');
    const { bytes, faults } = await generateInMemory({ ...options, faultsOnly: ['S21.G00.30.001/CCH-16'] });
    const lines = bytes.toString('latin1').split('\n');
    expect(faults).toHaveLength(1);
    // Everything but the individual's identity block is the same; the footer counts the same lines.
    expect(lines).toHaveLength(plain.length);
    const changed = lines.map((l, i) => (l === plain[i] ? -1 : i + 1)).filter((i) => i > 0);
    expect(changed).toEqual([faults[0]!.line]);
  });

  it('accepte les identifiants tels qu’on les tape et les écrit normalisés', async () => {
    const { faults } = await generateInMemory({
      month: '2026-01',
      establishments: 1,
      employees: 4,
      faultsOnly: ['s21.g00.30.001/cch16', 'S21.G00.30.001 / CCH-16'],
    });
    expect(faults.map((f) => f.code)).toEqual(['S21.G00.30.001/CCH-16']);
  });

  it('déplace les dates des exemples au mois généré, fin de mois comprise', () => {
    expect(shiftDate('31012026', 13)).toBe('28022027');
    expect(shiftDate('15012026', -22)).toBe('15032024');
    expect(shiftDate('01012026', 0)).toBe('01012026');
    expect(shiftDate('99999999', 3)).toBe('99999999');
  });

  describe('refus, avant d’écrire quoi que ce soit', () => {
    const plan = (faultsOnly: string[], month = '2026-01') =>
      planControlFaults({ month, establishments: 3, employees: 12, seed: 1, faultsOnly }, nodeJsonLoader);
    const problemsOf = async (faultsOnly: string[], month?: string) => {
      const error = await plan(faultsOnly, month).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ControlFaultError);
      return (error as ControlFaultError).problems;
    };

    it('identifiant inconnu', async () => {
      const [problem] = await problemsOf(['S21.G00.99.999/CCH-99']);
      expect(problem).toMatchObject({ cause: 'unknown', id: '« S21.G00.99.999/CCH-99 »' });
    });

    it('contrôle « table requise » ou « non applicable »', async () => {
      const referential = await buildReferential();
      const inP26 = (status: string) =>
        referential.find((e) => e.status === status && e.versions.some((v) => v.version === 'P26V01'))!;
      const problems = await problemsOf([inP26('needs-table').id, inP26('not-applicable').id]);
      expect(problems.map((p) => p.cause)).toEqual(['status', 'status']);
      expect(problems[0]!.reason).toMatch(/table de référence/);
      expect(problems[1]!.reason).toMatch(/auto-contrôle ne fait pas/);
    });

    it('contrôle absent de la norme du mois généré', async () => {
      const p24 = new Set(await implementedIn('P24V01'));
      const newer = (await implementedIn('P27V01')).find((id) => !p24.has(id))!;
      const [problem] = await problemsOf([newer], '2024-03');
      expect(problem).toMatchObject({ cause: 'version', id: newer });
      expect(problem!.reason).toMatch(/P24V01.*P27V01/);
    });

    it('contrôle propre à une autre nature de déclaration', async () => {
      const onlyFor = (nature: string) =>
        controls.find((c) => {
          const failing = (c.examples?.() ?? []).filter((e) => e.fails);
          return (
            failing.length > 0 &&
            failing.every((e) =>
              e.edits.some((x) => 'set' in x && x.set === 'S20.G00.05.001' && x.value === nature),
            )
          );
        })!;
      // A work stoppage report (04) is generated with --nature.
      const [stoppage] = await problemsOf([onlyFor('04').id]);
      expect(stoppage).toMatchObject({ cause: 'nature', id: onlyFor('04').id });
      expect(stoppage!.reason).toMatch(/ajoutez --nature 04/);
    });

    it('ne propose un autre mois que s’il déclenche vraiment le contrôle', async () => {
      // A January rule (the declaration's type against the month), and examples no month helps.
      const problems = await problemsOf(['S20.G00.05.002/CCH-11', 'S21.G00.81.001/SIG-18'], '2026-03');
      expect(problems.map((p) => p.cause)).toEqual(['examples', 'examples']);
      expect(problems[0]!.reason).toMatch(/dans une DSN de 2026-01 .* essayez --month 2026-01/);
      expect(problems[1]!.reason).not.toMatch(/--month/);
      const january = await plan(['S20.G00.05.002/CCH-11'], '2026-01');
      expect(january.ids).toEqual(['S20.G00.05.002/CCH-11']);
    }, 60_000);

    it('deux contrôles qui modifient l’en-tête de l’envoi', async () => {
      // Controls whose failing examples only change the emitter (S10.G00.01).
      const headerOnly = controls.filter((c) => {
        const failing = (c.examples?.() ?? []).filter((e) => e.fails);
        return (
          (c.status ?? 'implemented') === 'implemented' &&
          failing.length > 0 &&
          failing.every(
            (e) => e.edits.length > 0 && e.edits.every((x) => 'set' in x && x.set.startsWith('S10.G00.01.')),
          )
        );
      });
      expect(headerOnly.length).toBeGreaterThan(1);
      const problems = await problemsOf(headerOnly.slice(0, 2).map((c) => c.id));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.cause).toBe('header');
    });
  });

  describe('en ligne de commande', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'relais-faults-only-'));
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    });
    afterEach(() => vi.restoreAllMocks());

    it('écrit la clé des contrôles choisis', async () => {
      const out = join(dir, 'f.dsn');
      const code = await generateCommand({
        month: '2026-01',
        employees: '6',
        faultsOnly: 'S21.G00.30.001/cch16',
        out,
      });
      expect(code).toBe(0);
      const key = JSON.parse(readFileSync(`${out}.faults.json`, 'utf8'));
      expect(key.faults).toMatchObject([
        { code: 'S21.G00.30.001/CCH-16', kind: controlFaultKind, rubric: 'S21.G00.30.001' },
      ]);
    });

    it('refuse un identifiant qu’il ne peut pas déclencher, sans écrire de fichier', async () => {
      const out = join(dir, 'g.dsn');
      const run = generateCommand({
        month: '2026-01',
        employees: '6',
        faultsOnly: 'S21.G00.30.001/CCH-16,S21.G00.99.999/CCH-99',
        out,
      });
      await expect(run).rejects.toThrow(UsageError);
      await expect(run).rejects.toThrow(/S21\.G00\.99\.999\/CCH-99/);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.faults.json`)).toBe(false);
    });

    it('refuse --faults-only pour une PASRAU', async () => {
      const run = generateCommand({
        pasrau: true,
        month: '2026-01',
        beneficiaries: '6',
        faultsOnly: 'S21.G00.30.001/CCH-16',
        out: join(dir, 'p.pasrau'),
      });
      await expect(run).rejects.toThrow(/PASRAU/);
    });
  });
});
