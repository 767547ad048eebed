import { beforeAll, describe, expect, it } from 'vitest';
import { check, codes, find } from '../../../test/helpers.ts';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import { generatePasrau } from '../../features/generator/pasrau.ts';
import { formatText } from './format-text.ts';

/** A conform PASRAU: one payer (a pension fund), three beneficiaries. */
let base = '';

beforeAll(async () => {
  const chunks: Buffer[] = [];
  await generatePasrau(
    { month: '2025-06', payers: 1, beneficiaries: 3, seed: 1 },
    { write: (chunk) => void chunks.push(Buffer.from(chunk)) },
    { loadJson: nodeJsonLoader },
  );
  base = Buffer.concat(chunks).toString('latin1');
});

/** The lines of the file with the S90 total recomputed, so that only the edit under test shows. */
function retotal(lines: string[]): string {
  const body = lines.filter((l) => l !== '');
  const i = body.findIndex((l) => l.startsWith('S90.G00.90.001,'));
  body[i] = `S90.G00.90.001,'${body.length}'`;
  return body.join('\n') + '\n';
}

/** Sets the value of the `nth` line of a rubric. */
function set(rubric: string, value: string, nth = 0, text = base): string {
  let seen = 0;
  return text
    .split('\n')
    .map((l) => (l.startsWith(`${rubric},'`) && seen++ === nth ? `${rubric},'${value}'` : l))
    .join('\n');
}

/** Inserts lines after the first line of a rubric. */
function insertAfter(rubric: string, added: string[], text = base): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${rubric},'`));
  lines.splice(i + 1, 0, ...added);
  return retotal(lines);
}

function value(rubric: string, nth = 0): string {
  return [...base.matchAll(new RegExp(`^${rubric.replace(/\./g, '\\.')},'(.*)'$`, 'gm'))][nth]![1]!;
}

describe('PASRAU recognised', () => {
  it('reads the file with the PASRAU norm and says so', async () => {
    const report = await check(base, { controls: true });
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({
      norm: 'PASRAU-2017.6',
      family: 'PASRAU',
      declarations: 1,
      individuals: 3,
    });
    expect(formatText(report)).toMatch(/^déclaration PASRAU · norme PASRAU-2017\.6/m);
    expect(report.notes.join(' ')).toContain('complément non officiel');
  });

  it('takes the nature for the norm when S10.G00.00.006 is missing', async () => {
    const text = retotal(base.split('\n').filter((l) => !l.startsWith('S10.G00.00.006')));
    const report = await check(text);
    expect(report.norm).toBe('PASRAU-2017.6');
    expect(codes(report)).toEqual(['RELAIS-NORM-MISSING']);
  });

  it('reads a nature 11 declaration with the PASRAU norm even when S10.G00.00.006 names a DSN norm', async () => {
    const report = await check(set('S10.G00.00.006', 'P26V01'));
    expect(report.norm).toBe('PASRAU-2017.6');
    expect(codes(report)).toEqual(['RELAIS-NORM-FAMILY', 'RELAIS-VALUE-LIST']);
    expect(find(report, 'RELAIS-NORM-FAMILY')[0]!.message).toContain('norme DSN');
  });

  it('reads an unknown PASRAU version with the newest PASRAU norm', async () => {
    const report = await check(set('S10.G00.00.006', '202401'));
    expect(report.norm).toBe('PASRAU-2017.6');
    expect(codes(report)).toEqual(['RELAIS-NORM-UNSUPPORTED']);
    expect(report.summary.blocking).toBe(0);
  });

  it('applies --norm', async () => {
    const report = await check(base, { norm: 'PASRAU-2017.6' });
    expect(report.norm).toBe('PASRAU-2017.6');
    expect(report.diagnostics).toEqual([]);
  });
});

describe('PASRAU bad input', () => {
  it('refuses a nature other than 11', async () => {
    const report = await check(set('S20.G00.05.001', '01'));
    expect(report.norm).toBe('PASRAU-2017.6');
    expect(find(report, 'RELAIS-VALUE-LIST')[0]).toMatchObject({ rubric: 'S20.G00.05.001', value: '01' });
  });

  it('refuses type 04 (annule), which PASRAU does not have', async () => {
    const report = await check(set('S20.G00.05.002', '04'));
    expect(codes(report)).toEqual(['RELAIS-VALUE-LIST']);
    expect(find(report, 'RELAIS-VALUE-LIST')[0]!.message).toContain('01, 02, 03, 05');
  });

  it('reports a DSN block that PASRAU does not have', async () => {
    const report = await check(insertAfter('S21.G00.30.019', ["S21.G00.40.001,'01012025'"]));
    expect(codes(report)).toEqual(['RELAIS-BLOCK-UNKNOWN']);
  });

  it('checks the fraction: any second digit, never a first one of 0', async () => {
    expect((await check(set('S20.G00.05.003', '10'))).diagnostics).toEqual([]);
    expect(codes(await check(set('S20.G00.05.003', '01')))).toEqual(['RELAIS-VALUE-FORMAT']);
  });

  it('wants the first day of the month of payment in S20.G00.05.005', async () => {
    expect(codes(await check(set('S20.G00.05.005', '15062025')))).toEqual(['RELAIS-VALUE-FORMAT']);
  });

  it('checks the shape of the NIR', async () => {
    expect(codes(await check(set('S21.G00.30.001', `3${value('S21.G00.30.001').slice(1)}`)))).toEqual([
      'RELAIS-VALUE-FORMAT',
    ]);
  });

  it('checks the S90 totals', async () => {
    const report = await check(set('S90.G00.90.001', String(Number(value('S90.G00.90.001')) + 1)));
    expect(codes(report)).toEqual(['RELAIS-TOTAL-RUBRICS']);
  });
});

describe('PASRAU rules', () => {
  const other = (digits: string) => digits.slice(0, -1) + ((Number(digits.at(-1)) + 1) % 10);

  it('checks the SIREN key', async () => {
    const report = await check(set('S21.G00.06.001', other(value('S21.G00.06.001'))));
    expect(codes(report)).toContain('RELAIS-KEY-SIREN');
    expect(find(report, 'RELAIS-KEY-SIREN')[0]).toMatchObject({ rubric: 'S21.G00.06.001', declaration: 1 });
  });

  it('checks the SIRET keys of the establishment and of the emitter', async () => {
    const establishment = await check(set('S21.G00.11.001', other(value('S21.G00.11.001'))));
    expect(codes(establishment)).toEqual(['RELAIS-KEY-SIRET']);
    const emitter = await check(set('S10.G00.01.002', other(value('S10.G00.01.002'))));
    expect(find(emitter, 'RELAIS-KEY-SIRET')[0]).toMatchObject({ rubric: 'S10.G00.01.002' });
  });

  it('wants each NIR once in a declaration', async () => {
    const report = await check(set('S21.G00.30.001', value('S21.G00.30.001', 0), 1));
    expect(codes(report)).toEqual(['RELAIS-NIR-DUPLICATE']);
  });

  it('wants the payments in the declared month', async () => {
    const report = await check(set('S21.G00.50.001', '30052025', 1));
    expect(codes(report)).toEqual(['RELAIS-PASRAU-PAYMENT-MONTH']);
    expect((await check(set('S21.G00.50.001', '30062025', 1))).diagnostics).toEqual([]);
  });

  it('wants the DGFiP payment over the declared month, rounded to the euro', async () => {
    expect(codes(await check(set('S21.G00.20.006', '02062025')))).toEqual(['RELAIS-PASRAU-PERIOD']);
    expect(codes(await check(set('S21.G00.20.007', '31052025')))).toEqual(['RELAIS-PASRAU-PERIOD']);
    expect(codes(await check(set('S21.G00.20.005', '12.34')))).toEqual(['RELAIS-PASRAU-ROUNDING']);
  });

  it('wants a payer SIRET of the same company', async () => {
    const siren = value('S21.G00.06.001');
    const own = insertAfter('S21.G00.20.010', [`S21.G00.20.012,'${siren}${value('S21.G00.11.001')}'`]);
    expect((await check(own)).diagnostics).toEqual([]);
    const foreign = insertAfter('S21.G00.20.010', ["S21.G00.20.012,'55210055400013'"]);
    expect(codes(await check(foreign))).toEqual(['RELAIS-PASRAU-PAYER-SIREN']);
  });

  it('keeps "néant" declarations and envois consistent', async () => {
    expect(codes(await check(set('S20.G00.05.002', '02')))).toEqual([
      'RELAIS-PASRAU-ENVOI-NEANT',
      'RELAIS-PASRAU-NEANT',
    ]);
    const lines = base.split('\n');
    const empty = lines.filter((l) => !/^S21\.G00\.(30|47|50|51|58|81)\./.test(l));
    const neant = set('S20.G00.05.002', '02', 0, retotal(empty));
    expect(codes(await check(neant))).toEqual(['RELAIS-PASRAU-ENVOI-NEANT']);
    expect((await check(set('S10.G00.00.008', '02', 0, neant))).diagnostics).toEqual([]);
    expect(codes(await check(retotal(empty)))).toEqual(['RELAIS-PASRAU-NEANT']);
  });
});
