import { beforeAll, describe, expect, it } from 'vitest';
import { isValidIban, isValidSiren, isValidSiret, nirKey } from '../../core/identifiers/check-digits.ts';
import { civilStatusName, loadCommunes } from '../../core/referentials/communes.ts';
import { loadNaf } from '../../core/referentials/naf.ts';
import { loadPostalCodes } from '../../core/referentials/postal-codes.ts';
import { isListedIdcc } from '../../core/referentials/idcc.ts';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import { generateInMemory } from '../../../test/generator-helpers.ts';

/** The file's rubric lines grouped by individual (from one S21.G00.30.001 to the next). */
function parse(bytes: Buffer) {
  const rows = bytes
    .toString('latin1')
    .trimEnd()
    .split('\n')
    .map((l) => ({ id: l.slice(0, 14), value: l.slice(16, -1) }));
  const people: Map<string, string>[] = [];
  for (const r of rows) {
    if (r.id === 'S21.G00.30.001') people.push(new Map());
    if (r.id.startsWith('S21.G00.30.') && people.length > 0) people.at(-1)!.set(r.id, r.value);
  }
  return { rows, people };
}

describe('identités et identifiants générés', () => {
  let rows: ReturnType<typeof parse>['rows'];
  let people: ReturnType<typeof parse>['people'];
  let communes: Awaited<ReturnType<typeof loadCommunes>>;
  let postal: Awaited<ReturnType<typeof loadPostalCodes>>;
  let naf: Awaited<ReturnType<typeof loadNaf>>;

  beforeAll(async () => {
    const { bytes } = await generateInMemory({
      month: '2026-01',
      establishments: 3,
      employees: 150,
      seed: 8,
    });
    ({ rows, people } = parse(bytes));
    [communes, postal, naf] = await Promise.all([
      loadCommunes(nodeJsonLoader),
      loadPostalCodes(nodeJsonLoader),
      loadNaf(nodeJsonLoader),
    ]);
  });

  it('NIR cohérent avec le sexe, la date et le lieu de naissance', () => {
    expect(people.length).toBe(150);
    for (const p of people) {
      const nir = p.get('S21.G00.30.001')!;
      const birth = p.get('S21.G00.30.006')!;
      expect(nir).toMatch(/^[12]\d{4}(\d{2}|2A|2B)\d{6}$/);
      expect(nir[0]).toBe(p.get('S21.G00.30.005') === '01' ? '1' : '2');
      expect(nir.slice(1, 3)).toBe(birth.slice(6, 8));
      expect(nir.slice(3, 5)).toBe(birth.slice(2, 4));
      const department = p.get('S21.G00.30.014')!;
      expect(nir.slice(5, 7)).toBe(department);
      if (department === '99') {
        expect(p.get('S21.G00.30.015')).not.toBe('FR');
      } else {
        const commune = communes.byCode.get(nir.slice(5, 10));
        expect(commune, nir).toBeDefined();
        expect(p.get('S21.G00.30.007')).toBe(civilStatusName(commune!.name).slice(0, 30).trim());
        expect(p.get('S21.G00.30.015')).toBe('FR');
      }
      // The 15-character form (DRM, attestations) gets a key of two digits.
      expect(Number(nirKey(nir))).toBeGreaterThanOrEqual(1);
      expect(Number(nirKey(nir))).toBeLessThanOrEqual(97);
    }
  });

  it('un NIR ne figure qu’une fois par déclaration', () => {
    const perDeclaration: string[][] = [];
    for (const r of rows) {
      if (r.id === 'S20.G00.05.001') perDeclaration.push([]);
      if (r.id === 'S21.G00.30.001') perDeclaration.at(-1)!.push(r.value);
    }
    for (const nirs of perDeclaration) expect(new Set(nirs).size).toBe(nirs.length);
  });

  it('les sexes et les lieux de naissance varient', () => {
    const sexes = new Set(people.map((p) => p.get('S21.G00.30.005')));
    const departments = new Set(people.map((p) => p.get('S21.G00.30.014')));
    expect(sexes.size).toBe(2);
    expect(departments.size).toBeGreaterThan(20);
  });

  it('SIREN, SIRET et IBAN ont des clés valides', () => {
    const value = (id: string) => rows.filter((r) => r.id === id).map((r) => r.value);
    const sirens = value('S21.G00.06.001');
    expect(sirens.length).toBe(3);
    for (const s of [...sirens, ...value('S10.G00.01.001')]) expect(isValidSiren(s)).toBe(true);
    for (const s of value('S21.G00.40.019')) expect(isValidSiret(s)).toBe(true);
    for (const s of value('S21.G00.20.001').filter((v) => /^\d{14}$/.test(v)))
      expect(isValidSiret(s)).toBe(true);
    for (const iban of value('S21.G00.20.004')) expect(isValidIban(iban)).toBe(true);
  });

  it('codes postaux, NAF et IDCC viennent des tables de référence', () => {
    const value = (id: string) => rows.filter((r) => r.id === id).map((r) => r.value);
    for (const cp of [...value('S21.G00.11.004'), ...value('S21.G00.30.009')])
      expect(postal.has(cp)).toBe(true);
    for (const code of value('S21.G00.11.002')) expect(naf.has(code)).toBe(true);
    for (const idcc of [...value('S21.G00.11.022'), ...value('S21.G00.40.017')])
      expect(isListedIdcc(idcc)).toBe(true);
  });
});
