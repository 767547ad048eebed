import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PayModel } from './pay.ts';
import { diskPayslipCache, payslipCacheDir } from './payslip-cache.ts';

const march = { year: 2026, month: 3 };
const classes = [
  { gross: 1900, cadre: false, hours: 35 },
  { gross: 1357.14, cadre: false, hours: 24 },
  { gross: 4200, cadre: true, hours: 35 },
];

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-payslips-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('cache des bulletins évalués', () => {
  it('rend à un nouveau processus les mêmes bulletins sans les évaluer de nouveau', () => {
    const dir = tempDir();
    const first = new PayModel(march, diskPayslipCache(dir));
    const slips = classes.map((c) => first.payslip(c));
    const smic = first.smic;
    first.persist();
    expect(first.evaluations).toBe(3);
    expect(readdirSync(dir)).toEqual(['2026-03.json']);

    const second = new PayModel(march, diskPayslipCache(dir));
    expect(second.smic).toBe(smic);
    expect(classes.map((c) => second.payslip(c))).toEqual(slips);
    expect(second.evaluations).toBe(0);
    expect(second.classes).toBe(3);
  });

  it('garde ce que deux exécutions ont ajouté chacune de leur côté', () => {
    const dir = tempDir();
    const a = new PayModel(march, diskPayslipCache(dir));
    const b = new PayModel(march, diskPayslipCache(dir));
    a.payslip(classes[0]!);
    b.payslip(classes[1]!);
    a.persist();
    b.persist();
    const c = new PayModel(march, diskPayslipCache(dir));
    c.payslip(classes[0]!);
    c.payslip(classes[1]!);
    expect(c.evaluations).toBe(0);
  });

  it('évalue de nouveau quand le fichier est tronqué ou illisible', () => {
    const dir = tempDir();
    const reference = new PayModel(march).payslip(classes[0]!);
    writeFileSync(join(dir, '2026-03.json'), '{"payslips": {"1900|0|');
    const model = new PayModel(march, diskPayslipCache(dir));
    expect(model.payslip(classes[0]!)).toEqual(reference);
    expect(model.evaluations).toBe(1);
    model.persist();
    expect(new PayModel(march, diskPayslipCache(dir)).payslip(classes[0]!)).toEqual(reference);
  });

  it('ne fait pas échouer la génération quand le cache ne peut pas être écrit', () => {
    // A file where the directory should be: refused even to root, unlike permissions.
    const blocker = join(tempDir(), 'fichier');
    writeFileSync(blocker, '');
    const model = new PayModel(march, diskPayslipCache(join(blocker, 'sous-dossier')));
    expect(model.payslip(classes[0]!).gross).toBe(1900);
    expect(() => model.persist()).not.toThrow();
  });

  it("range le cache sous RELAIS_CACHE_DIR, sinon sous XDG_CACHE_HOME, par versions des règles", () => {
    expect(payslipCacheDir({ RELAIS_CACHE_DIR: '/x' })).toMatch(
      /^\/x\/payslips\/modele-social-\d+\.\d+\.\d+\+publicodes-\d+\.\d+\.\d+$/,
    );
    expect(payslipCacheDir({ XDG_CACHE_HOME: '/c' })).toMatch(/^\/c\/relais\/payslips\//);
  });
});
