import { describe, expect, it } from 'vitest';
import { check, codes, edited, find, minimal } from '../../../test/helpers.ts';
import { formatText } from './format-text.ts';

describe('datatypes', () => {
  it('reports a value outside an enumeration, with the allowed codes', async () => {
    const report = await check(await edited([{ set: 'S21.G00.40.007', value: '99' }]));
    const [d] = find(report, 'RELAIS-VALUE-LIST');
    expect(d).toMatchObject({ line: 50, rubric: 'S21.G00.40.007', value: '99', severity: 'blocking' });
    expect(d!.message).toContain('01, 02, 03');
  });

  it('reports a value of the wrong length', async () => {
    const report = await check(await edited([{ set: 'S21.G00.30.001', value: '185077512345' }]));
    expect(find(report, 'RELAIS-VALUE-LENGTH')[0]!.message).toContain('exactement 13');
  });

  it('reports a value that does not match the pattern of its type', async () => {
    const report = await check(await edited([{ set: 'S21.G00.30.001', value: '3850775123456' }]));
    expect(find(report, 'RELAIS-VALUE-FORMAT')[0]).toMatchObject({ rubric: 'S21.G00.30.001' });
  });

  it('explains how to write an amount', async () => {
    const report = await check(await edited([{ set: 'S21.G00.51.013', value: '1800,00' }]));
    expect(codes(report)).toEqual(['RELAIS-VALUE-AMOUNT']);
    const ok = await check(await edited([{ set: 'S21.G00.51.013', value: '-0001800.00' }]));
    expect(ok.diagnostics).toEqual([]);
  });

  it('reports a date that does not exist, and accepts 29 February of a leap year', async () => {
    const bad = await check(await edited([{ set: 'S21.G00.40.001', value: '29022023' }]));
    expect(codes(bad)).toEqual(['RELAIS-VALUE-DATE']);
    const leap = await check(await edited([{ set: 'S21.G00.40.001', value: '29022024' }]));
    expect(leap.diagnostics).toEqual([]);
  });

  it('reports an impossible birth date under its official id, and accepts the 00 and 99 exceptions', async () => {
    const bad = await check(await edited([{ set: 'S21.G00.30.006', value: '31041985' }]));
    const [d] = find(bad, 'S21.G00.30.006/CSL-11');
    expect(d!.message).toBe(
      "La date de naissance n'est ni une date du calendrier, ni une exception tolérée par la norme.",
    );
    for (const value of ['00071985', '99071985', '14001985', '00001985', '99991985']) {
      expect((await check(await edited([{ set: 'S21.G00.30.006', value }]))).diagnostics).toEqual([]);
    }
  });

  it('reports empty values', async () => {
    const report = await check(await edited([{ set: 'S21.G00.30.004', value: '' }]));
    expect(codes(report)).toEqual(['RELAIS-VALUE-EMPTY']);
  });

  it('warns about blanks around a value', async () => {
    const report = await check(await edited([{ set: 'S21.G00.30.004', value: 'CHARLES ' }]));
    expect(codes(report)).toEqual(['RELAIS-VALUE-BLANKS']);
    expect(report.summary.blocking).toBe(0);
  });
});

describe('usages per nature', () => {
  it('reports a mandatory rubric missing from a present block', async () => {
    const report = await check(await edited([{ remove: 'S21.G00.30.002' }]));
    expect(find(report, 'RELAIS-RUBRIC-MANDATORY')[0]).toMatchObject({ rubric: 'S21.G00.30.002', line: 37 });
  });

  it('reports a rubric forbidden for the nature', async () => {
    // S21.G00.50.020 (mois de rattachement FCTU) is `I` for a monthly declaration.
    const report = await check(
      await edited([{ insertAfter: 'S21.G00.50.013', lines: ["S21.G00.50.020,'01012026'"] }]),
    );
    expect(find(report, 'RELAIS-RUBRIC-FORBIDDEN')[0]!.message).toContain(
      'interdite pour une déclaration de nature 01',
    );
  });

  it('reports a block that the nature does not use', async () => {
    // A work-stoppage signalement (nature 04) carries no payment block.
    const text = await edited([{ set: 'S20.G00.05.001', value: '04' }]);
    const report = await check(text);
    expect(find(report, 'RELAIS-BLOCK-NATURE').map((d) => d.block)).toEqual(
      expect.arrayContaining(['S21.G00.50', 'S21.G00.51', 'S21.G00.58', 'S21.G00.71']),
    );
  });

  it('says which tableau des usages was used when the version has none', async () => {
    const report = await check(minimal());
    expect(report.notes).toContain(
      'Aucun tableau des usages publié pour P26V01 : le tableau CT2027.1, le plus proche, est utilisé.',
    );
  });
});

describe('totals', () => {
  it('checks the number of rubrics and of declarations of the envoi', async () => {
    const report = await check(
      await edited([
        { set: 'S90.G00.90.001', value: '85' },
        { set: 'S90.G00.90.002', value: '2' },
      ]).then((t) => t.replace("S90.G00.90.001,'84'", "S90.G00.90.001,'85'")),
    );
    expect(codes(report)).toEqual(['RELAIS-TOTAL-DECLARATIONS', 'RELAIS-TOTAL-RUBRICS']);
  });

  it('reports an envoi that does not end with its totals', async () => {
    const text = minimal().replace(/S90\.G00\.90\.00[12],'\d+'\n/g, '');
    const report = await check(text);
    expect(codes(report)).toEqual(['RELAIS-ENVOI-INCOMPLETE']);
  });
});

describe('norm version', () => {
  it('uses the version named in S10.G00.00.006, with its own usages', async () => {
    const p25 = await edited([{ set: 'S10.G00.00.006', value: 'P25V01' }]);
    const report = await check(p25);
    expect(report.norm).toBe('P25V01');
    expect(report.notes.filter((n) => n.includes('usages'))).toEqual([]);
    // The contact's civility is mandatory in the CT2025.1 table, conditional from CT2027.1 on.
    expect(find(report, 'RELAIS-RUBRIC-MANDATORY').map((d) => d.rubric)).toEqual(['S10.G00.02.001']);
    const withCivility = await edited(
      [{ insertBefore: 'S10.G00.02.002', lines: ["S10.G00.02.001,'01'"] }],
      p25,
    );
    expect((await check(withCivility)).diagnostics).toEqual([]);
  });

  it('reads an unknown version with the nearest known one and says so, without blaming the file', async () => {
    const report = await check(await edited([{ set: 'S10.G00.00.006', value: 'P29V01' }]));
    expect(report.norm).toBe('P27V01');
    const [finding] = find(report, 'RELAIS-NORM-UNSUPPORTED');
    expect(finding).toMatchObject({ severity: 'non-blocking', rubric: 'S10.G00.00.006', value: 'P29V01' });
    expect(finding!.message).toBe(
      "La version de norme « P29V01 » n'est pas connue de Relais ; le fichier est contrôlé avec P27V01, la plus proche.",
    );
    // Not also refused for being absent from P27V01's own list of versions.
    expect(find(report, 'RELAIS-VALUE-LIST').filter((d) => d.rubric === 'S10.G00.00.006')).toEqual([]);
  });

  it('rejects a version that is no version name', async () => {
    const report = await check(await edited([{ set: 'S10.G00.00.006', value: 'V26' }]));
    expect(find(report, 'RELAIS-NORM-UNKNOWN')[0]).toMatchObject({ severity: 'blocking', value: 'V26' });
    expect(report.summary.blocking).toBeGreaterThan(0);
  });

  it('reports a missing version', async () => {
    const report = await check(await edited([{ remove: 'S10.G00.00.006' }]));
    expect(codes(report)).toEqual(['RELAIS-NORM-MISSING', 'RELAIS-RUBRIC-MANDATORY']);
  });

  it('lets --norm override the declared version', async () => {
    const report = await check(minimal(), { norm: 'P25V01' });
    expect(report.norm).toBe('P25V01');
    expect(find(report, 'RELAIS-VALUE-LIST')[0]).toMatchObject({ rubric: 'S10.G00.00.006', value: 'P26V01' });
    expect(report.notes[0]).toBe('Norme imposée par --norm : P25V01.');
  });
});

describe('caps and groups', () => {
  it('lists a sample of a repeated anomaly and counts every occurrence', async () => {
    const bad = Array.from({ length: 500 }, () => "S21.G00.30.099,'X'").join('\n');
    const report = await check(
      minimal().replace("S21.G00.30.004,'CHARLES'", `S21.G00.30.004,'CHARLES'\n${bad}`),
      { limit: 50 },
    );
    expect(report.groups.find((g) => g.code === 'RELAIS-RUBRIC-UNKNOWN')!.count).toBe(500);
    expect(find(report, 'RELAIS-RUBRIC-UNKNOWN')).toHaveLength(20);
    expect(report.summary.notListed).toBe(
      report.summary.blocking + report.summary.nonBlocking - report.diagnostics.length,
    );
  });

  it('explains every code met, even those the limit leaves unlisted', async () => {
    const report = await check(
      await edited([
        { set: 'S21.G00.40.007', value: '99' },
        { set: 'S21.G00.30.001', value: '185077512345' },
        { set: 'S21.G00.30.001', value: '3850775123456' },
      ]),
      { limit: 1 },
    );
    expect(report.diagnostics).toHaveLength(1);
    expect(report.groups.length).toBeGreaterThan(1);
    for (const group of report.groups) expect(group.message, group.code).not.toBe('');
    const text = formatText(report);
    expect(text).not.toMatch(/\n\s*\n\s+… et/);
    for (const group of report.groups.slice(1)) expect(text).toContain(group.message);
  });
});
