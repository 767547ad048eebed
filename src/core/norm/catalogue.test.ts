import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dsnVersions, loadCatalogue, nearestVersion } from './catalogue.ts';
import { diffNorms } from './diff.ts';
import { isCalendarDate } from '../values/calendar.ts';
import { checkValue, compilePattern, compileType, ValueFault } from './validators.ts';

describe('norm catalogue', () => {
  it('is exactly what the official tables give (nobody edits the data by hand)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-norm.ts', '--check'], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(run.stderr).toContain('catalogue de la norme à jour');
    expect(run.status).toBe(0);
  });

  it('has the official control catalogue of each version', async () => {
    const counts = await Promise.all(
      ['P24V01', 'P25V01', 'P26V01', 'P27V01'].map(async (v) => (await loadCatalogue(v)).messages.length),
    );
    expect(counts).toEqual([643, 638, 653, 671]);
    const p24 = await loadCatalogue('P24V01');
    const byCategory = Object.fromEntries(
      ['CCH', 'SIG', 'CRE', 'CSL', 'CME', 'CST', 'CID'].map((c) => [
        c,
        p24.messages.filter((m) => m.category === c).length,
      ]),
    );
    expect(byCategory).toEqual({ CCH: 488, SIG: 60, CRE: 48, CSL: 41, CME: 4, CST: 1, CID: 1 });
  });

  it('normalises typing slips in control ids and keeps the official spelling', async () => {
    const p24 = await loadCatalogue('P24V01');
    expect(p24.messages.find((m) => m.id === 'S21.G00.30.020/CCH-14')!.aliases).toEqual([
      'S21.G00.30.020/CCH14',
    ]);
    expect(p24.messages.find((m) => m.id === 'S21.G00.30.025/CCH-11')!.aliases).toEqual([
      'S21.G00.30.025/CCH -11',
    ]);
  });

  it('compiles every pattern of every version', async () => {
    for (const version of dsnVersions) {
      for (const type of (await loadCatalogue(version)).datatypes) {
        if (type.regexp) expect(() => compilePattern(type.regexp!)).not.toThrow();
      }
    }
  });

  it('chooses the nearest version for an unknown one', () => {
    expect(nearestVersion('P29V01')).toBe('P27V01');
    expect(nearestVersion('P26V02')).toBe('P26V01');
    expect(nearestVersion('P10V01')).toBe('P19V01');
    // By date, not the latest older one: P23V01 is a year from P24V01 and four from P19V01.
    expect(nearestVersion('P23V01')).toBe('P24V01');
    expect(nearestVersion('P22V01')).toBe(dsnVersions.includes('P21V01') ? 'P21V01' : 'P24V01');
    expect(nearestVersion('P20V01')).toBe(dsnVersions.includes('P21V01') ? 'P21V01' : 'P19V01');
    expect(nearestVersion('PXXV01')).toBe('P27V01');
  });
});

describe('datatype checks', () => {
  it('checks amounts exactly as the norm pattern does', () => {
    for (const pattern of ['-?[0]*(0|[1-9][0-9]*)\\.[0-9]{2}', '[0]*(0|[1-9][0-9]*)\\.[0-9]{2}']) {
      const fast = compileType({
        id: 't',
        name: 't',
        nature: 'Numeric',
        regexp: pattern,
        minLength: 1,
        maxLength: 30,
      });
      const re = compilePattern(pattern);
      fc.assert(
        fc.property(fc.stringMatching(/^[-0-9.,a ]{0,12}$/), (value) => {
          const ok = checkValue(fast, value) === ValueFault.None;
          expect(ok).toBe(re.test(value));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('knows the calendar, with the birth-date exceptions', () => {
    expect(isCalendarDate('29022024')).toBe(true);
    expect(isCalendarDate('29022100')).toBe(false);
    expect(isCalendarDate('29022000')).toBe(true);
    expect(isCalendarDate('31042026')).toBe(false);
    expect(isCalendarDate('00041985')).toBe(false);
    expect(isCalendarDate('00041985', true)).toBe(true);
    expect(isCalendarDate('31991985', true)).toBe(true);
    expect(isCalendarDate('31041985', true)).toBe(false);
  });
});

describe('norm diff', () => {
  it('lists what changed from P24V01 to P27V01', async () => {
    const diff = diffNorms(await loadCatalogue('P24V01'), await loadCatalogue('P27V01'));
    expect(diff.blocks.added.map((b) => b.id)).toEqual(['S21.G00.75', 'S21.G00.59']);
    expect(diff.rubrics.removed.map((r) => r.id)).toContain('S21.G00.11.002');
    expect(diff.rubrics.added.map((r) => r.id)).toContain('S21.G00.81.008');
    expect(diff.usages).toEqual({ from: 'CT2025.1', to: 'CT2027.1' });
    expect(diff.usageChanges).toContainEqual({
      rubric: 'S10.G00.02.001',
      nature: '01',
      before: 'O',
      after: 'C',
    });
    expect(diff.controls.added.length).toBeGreaterThan(0);
    expect(diff.controls.changed.length).toBeGreaterThan(0);
    const birth = diff.rubrics.changed.find((c) => c.id === 'S21.G00.30.006')!;
    expect(birth.format[0]).toContain('(18|19|20)');
  });

  it('finds nothing between a version and itself', async () => {
    const p26 = await loadCatalogue('P26V01');
    const diff = diffNorms(p26, p26);
    expect(
      [diff.blocks, diff.rubrics, diff.controls].flatMap((d) => [...d.added, ...d.removed, ...d.changed]),
    ).toEqual([]);
    expect(diff.values).toEqual([]);
  });
});

describe('date checks', () => {
  it('accept exactly what the pattern and the calendar accept', async () => {
    const p26 = await loadCatalogue('P26V01');
    const dates = p26.datatypes.filter((d) => d.nature === 'Date' || d.id === 'N4DS_DDN');
    const values = fc.stringMatching(/^[0-9]{8}$/);
    for (const def of dates) {
      const type = compileType(def);
      const re = compilePattern(def.regexp!);
      fc.assert(
        fc.property(values, (v) => {
          const expected = re.test(v) && isCalendarDate(v, def.id === 'N4DS_DDN');
          expect(checkValue(type, v) === ValueFault.None).toBe(expected);
        }),
        { numRuns: 2000 },
      );
    }
  });
});
