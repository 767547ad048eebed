import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimal } from '../../../test/helpers.ts';
import { builtinTables, loadTables, tableFromText } from './tables.ts';
import { controls } from './registry.ts';

const require = createRequire(import.meta.url);
const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

describe('reference tables', () => {
  it('are exactly what their packages give (nobody edits the data by hand)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-tables.ts', '--check'], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(run.stderr).toContain('tables de référence à jour');
    expect(run.status).toBe(0);
  });

  it('ship with their source and version', async () => {
    const tables = await loadTables(builtinTables.keys());
    expect([...tables.keys()].sort()).toEqual([...builtinTables.keys()].sort());
    const get = (id: string) => tables.get(id)!;

    expect(get('ISO_3166-1-A2_Pays_All').source).toBe(`i18n-iso-countries ${version('i18n-iso-countries')}`);
    expect(get('ISO_3166-1-A2_Pays_All').has('FR')).toBe(true);
    // "hors système postal français": those countries are written with a postal code.
    expect(get('ISO_3166-1-A2_Pays').has('FR')).toBe(false);
    expect(get('ISO_3166-1-A2_Pays').has('MC')).toBe(false);
    expect(get('ISO_3166-1-A2_Pays').has('DE')).toBe(true);
    expect(get('ISO_3166-1-A2_Pays').size).toBe(get('ISO_3166-1-A2_Pays_All').size - 13);

    const postal = get('La_Poste_Hexaposte');
    expect(postal.source).toContain(`codes-postaux ${version('codes-postaux')}`);
    expect(['75011', '97133', '98800', '98000'].filter((c) => !postal.has(c))).toEqual([]);
    expect(postal.has('99999')).toBe(false);

    const cog = `@etalab/decoupage-administratif ${version('@etalab/decoupage-administratif')}`;
    for (const id of ['DSN_CodeINSEECommune', 'DSN_CodeINSEECommune_Postal', 'Departement'])
      expect(get(id).source).toBe(cog);
    expect(['75056', '75112', '2A004', '97105'].filter((c) => !get('DSN_CodeINSEECommune').has(c))).toEqual(
      [],
    );
    expect(get('DSN_CodeINSEECommune').size).toBeGreaterThan(35000);
    expect(get('Departement').has('2B')).toBe(true);

    expect(get('Insee_Naf_2008_4').source).toBe(`@socialgouv/codes-naf ${version('@socialgouv/codes-naf')}`);
    expect(get('Insee_Naf_2008_4').has('6201Z')).toBe(true);
    expect(get('Insee_Naf_2008_4').has('62.01Z')).toBe(false);

    const idcc = JSON.parse(
      readFileSync(join(import.meta.dirname, '../referentials/data/idcc.json'), 'utf8'),
    ) as {
      version: string;
      agreements: { idcc: string }[];
    };
    expect(idcc.agreements.length).toBeGreaterThan(300);
    for (const id of ['REF_IDCC', 'CCN']) {
      expect(get(id).source).toContain(`@socialgouv/kali-data ${idcc.version}`);
      expect(get(id).size).toBe(idcc.agreements.length + 2);
      expect(['0016', '1486', '3248', '7024', '9999'].filter((c) => !get(id).has(c))).toEqual([]);
    }
  });

  it('use a table the operator supplies, instead of the shipped one', async () => {
    const supplied: Record<string, string> = {
      OES: '\uFEFFsiret;raison sociale\r\n73282932000074;ORGANISME\r\n"55210055400016";AUTRE\r\n\r\n',
      CCN: '1234\n',
    };
    const tables = await loadTables(['OES', 'CCN', 'NNE'], {
      readSupplied: async (id) => supplied[id] ?? null,
    });
    const oes = tables.get('OES')!;
    expect(oes.source).toBe('fichier fourni par l’exploitant');
    expect(oes.has('73282932000074')).toBe(true);
    expect(oes.has('55210055400016')).toBe(true);
    expect(tables.get('CCN')!.has('1234')).toBe(true);
    expect(tables.get('CCN')!.has('0016')).toBe(false);
    // No public source and none supplied: the table is absent and its controls stay silent.
    expect(tables.has('NNE')).toBe(false);
    expect([...tableFromText('X', 'a,b\nc\n', 'test').codes()]).toEqual(['a', 'c']);
  });

  it('are named after the norm in every control that reads one', () => {
    const needed = new Set(controls.flatMap((c) => c.tables ?? []));
    for (const id of ['La_Poste_Hexaposte', 'ISO_3166-1-A2_Pays', 'OES', 'DLGASSU', 'DSN_Code_Risque_ATMP'])
      expect(needed.has(id), id).toBe(true);
    for (const control of controls.filter((c) => c.status === 'needs-table'))
      for (const id of control.tables ?? [])
        expect(builtinTables.get(id), `${control.id} : ${id}`).toBeUndefined();
  });
});

describe('relais check --tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-tables-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/relais.js', 'check', ...args], {
      encoding: 'utf8',
      cwd: join(import.meta.dirname, '../../..'),
    });
  const substitution = join(dir, 'substitution.dsn');
  writeFileSync(substitution, minimal().replace("S20.G00.05.001,'01'", "S20.G00.05.001,'09'"), 'latin1');

  it('runs the controls of a supplied table', () => {
    const tables = join(dir, 'tables');
    mkdirSync(tables);
    writeFileSync(join(tables, 'OES.csv'), '55210055400016\n');
    writeFileSync(join(tables, 'OSE.csv'), '73282932000074\n');
    const withTable = run('--tables', tables, substitution);
    expect(withTable.stdout).toContain('S10.G00.01.002/CRE-11');
    expect(withTable.stderr).toContain('Table ignorée : OSE.csv');
    expect(run(substitution).stdout).not.toContain('S10.G00.01.002/CRE-11');
  });

  it('explains in French when the directory is missing', () => {
    const missing = run('--tables', join(dir, 'absent'), substitution);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`relais : Dossier des tables introuvable : ${join(dir, 'absent')}\n`);
    const file = run('--tables', substitution, substitution);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('--tables attend un dossier');
  });
});
