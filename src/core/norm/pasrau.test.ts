import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layer } from '../../../scripts/build-norm.ts';
import { loadCatalogue, nearestVersion, normVersions, pasrauVersions, versionNamed } from './catalogue.ts';

describe('PASRAU catalogue', () => {
  it('is generated from the official 2017.6 tables, named by the version code its header datatype lists', async () => {
    expect(pasrauVersions).toEqual(['PASRAU-2017.6']);
    expect(normVersions.find((v) => v.version === 'PASRAU-2017.6')).toMatchObject({
      family: 'PASRAU',
      declaredAs: ['201710'],
    });
    expect(versionNamed('201710')).toBe('PASRAU-2017.6');
    expect(versionNamed('P26V01')).toBe('P26V01');
    expect(nearestVersion('202401', 'PASRAU')).toBe('PASRAU-2017.6');
    const c = await loadCatalogue('PASRAU-2017.6');
    const values = (rubric: string) =>
      c.datatypes
        .find((d) => d.id === c.rubrics.find((r) => r.id === rubric)!.datatype)!
        .values!.map(([code]) => code);
    expect(values('S20.G00.05.001')).toEqual(['11']);
    expect(values('S20.G00.05.002')).toEqual(['01', '02', '03', '05']);
    expect(c.messages).toEqual([]);
  });

  it('is listed by relais norm list', () => {
    const run = spawnSync(process.execPath, ['bin/relais.js', 'norm', 'list'], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(/^PASRAU-2017\.6 +PASRAU +2017\.6 \+ complément non officiel/m);
  });

  it('adds the newer blocks from the non-official supplement, flagged as such, in block order', async () => {
    const c = await loadCatalogue('PASRAU-2017.6');
    expect(c.blocks.filter((b) => b.supplement).map((b) => b.id)).toEqual([
      'S21.G00.47',
      'S21.G00.51',
      'S21.G00.57',
      'S21.G00.58',
      'S21.G00.81',
    ]);
    expect(c.blocks.filter((b) => b.parent === 'S21.G00.50').map((b) => b.id)).toEqual([
      'S21.G00.51',
      'S21.G00.56',
      'S21.G00.57',
      'S21.G00.58',
      'S21.G00.81',
    ]);
    const official = c.rubrics.find((r) => r.id === 'S21.G00.50.009')!;
    expect(official.supplement).toBeUndefined();
    expect(c.rubrics.find((r) => r.id === 'S21.G00.50.014')).toMatchObject({ supplement: true });
    expect(c.label).toContain('complément non officiel');
  });

  it('lets an official table win over the supplement, so a newer table replaces it without code', () => {
    const rows = (...r: Record<string, string>[]) => r;
    const official = {
      blocks: rows(
        { Id: 'S21.G00.30', ParentId: 'S21.G00.11' },
        { Id: 'S21.G00.50', ParentId: 'S21.G00.30' },
        { Id: 'S21.G00.58', ParentId: 'S21.G00.50', Name: 'officiel' },
      ),
      fields: rows({ 'Block Id': 'S21.G00.50', Id: '014', Name: 'Classe de revenu officielle' }),
      datatypes: rows({ Id: 'CLREV', Name: 'Enumeration' }),
    };
    const supplement = {
      blocks: rows(
        { Id: 'S21.G00.58', ParentId: 'S21.G00.50', Name: 'complément' },
        { Id: 'S21.G00.51', ParentId: 'S21.G00.50' },
        { Id: 'S21.G00.47', ParentId: 'S21.G00.30' },
      ),
      fields: rows(
        { 'Block Id': 'S21.G00.50', Id: '014', Name: 'Classe de revenu (complément)' },
        { 'Block Id': 'S21.G00.51', Id: '013', Name: 'Montant brut' },
      ),
      datatypes: rows({ Id: 'CLREV', Name: 'Alphanumeric' }, { Id: 'Supplement_Code' }),
    };
    const merged = layer(official, supplement);
    expect(merged.blocks.map((b) => [b['Id'], b['Name'], b['__supplement']])).toEqual([
      ['S21.G00.30', undefined, undefined],
      ['S21.G00.47', undefined, '1'],
      ['S21.G00.50', undefined, undefined],
      ['S21.G00.51', undefined, '1'],
      ['S21.G00.58', 'officiel', undefined],
    ]);
    expect(merged.fields.map((f) => f['Name'])).toEqual(['Classe de revenu officielle', 'Montant brut']);
    expect(merged.datatypes.map((d) => d['Name'])).toEqual(['Enumeration', undefined]);
  });
});
