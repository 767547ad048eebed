import { describe, expect, it } from 'vitest';
import { readDsn } from '../../core/check/events.ts';
import { latin1Bytes } from '../../core/parse/latin1.ts';
import { Block, Rubric } from '../../core/parse/tree.ts';
import { CopyBuffer } from '../../platform/store/copy-buffer.ts';
import { minimal } from '../../../test/helpers.ts';
import { deriveLines, personOf, writeLines } from './lines.ts';

async function units(text: string): Promise<Block[]> {
  const found: Block[] = [];
  for await (const event of readDsn([latin1Bytes(text)])) {
    if (event.kind === 'unit' && event.unit.id === 'S21.G00.30') found.push(event.unit);
  }
  return found;
}

/** A hand-built individual: `Sxx.Gyy.zz.nnn,'v'` lines, 51 and 58 under the 50 before them. */
function parsedUnit(lines: string[]): Block {
  const def = {} as never;
  const root = new Block('S21.G00.30', def, null, 1);
  let payment: Block | null = null;
  let current: Block = root;
  lines.forEach((text, i) => {
    const [, id, number, value] = /^(S\d{2}\.G00\.\d{2})\.(\d{3}),'(.*)'$/.exec(text)!;
    const line = i + 1;
    if (id !== current.id || (id !== 'S21.G00.30' && Number(number) <= current.last)) {
      const parent: Block = id === 'S21.G00.50' || payment === null ? root : payment;
      current = new Block(id!, def, parent, line);
      parent.addChild(current);
      if (id === 'S21.G00.50') payment = current;
    }
    current.add(new Rubric(`${id}.${number}`, Number(number), value!, line, null));
    current.last = Number(number);
  });
  return root;
}

describe('resource line derivation', () => {
  it('takes the amounts of each payment: net taxable, net paid, net social 03, gross 001, PAS', async () => {
    const text = minimal();
    const [unit] = await units(text);
    const lines = deriveLines(unit!);
    const source = text.split('\n');
    const payments = source.flatMap((l, i) => (l.startsWith('S21.G00.50.001') ? [i + 1] : []));
    expect(lines.map((l) => l.line)).toEqual(payments);
    const value = (rubric: string, from: number) =>
      /'(.*)'/.exec(source.slice(from - 1).find((l) => l.startsWith(rubric))!)![1];
    const first = lines[0]!;
    expect(first.netTaxable).toBe(value('S21.G00.50.002', first.line));
    expect(first.netPaid).toBe(value('S21.G00.50.004', first.line));
    expect(first.pasAmount).toBe(value('S21.G00.50.009', first.line));
    expect(first.month).toBe(`${first.paymentDate.slice(0, 7)}-01`);
    expect(personOf(unit!)).toMatchObject({ kind: 'nir', id: value('S21.G00.30.001', 1) });
  });

  it('sums several net social and gross blocks exactly, ignores other types, and never guesses', async () => {
    const text = [
      "S21.G00.30.001,'1850662123456'",
      "S21.G00.50.001,'31032026'",
      "S21.G00.50.002,'100.10'",
      "S21.G00.50.004,'90.00'",
      "S21.G00.50.009,'1.00'",
      "S21.G00.51.011,'001'",
      "S21.G00.51.013,'60.10'",
      "S21.G00.51.011,'002'",
      "S21.G00.51.013,'999.00'",
      "S21.G00.51.011,'001'",
      "S21.G00.51.013,'40.20'",
      "S21.G00.58.003,'03'",
      "S21.G00.58.004,'50.05'",
      "S21.G00.58.003,'03'",
      "S21.G00.58.004,'40.05'",
      "S21.G00.58.003,'01'",
      "S21.G00.58.004,'7.00'",
      "S21.G00.50.001,'05042026'",
      "S21.G00.50.002,'10.00'",
      "S21.G00.51.011,'001'",
      "S21.G00.51.013,'12,5'",
    ];
    const unit = parsedUnit(text);
    expect(deriveLines(unit)).toEqual([
      {
        line: 2,
        paymentDate: '2026-03-31',
        month: '2026-03-01',
        netTaxable: '100.10',
        netPaid: '90.00',
        netSocial: '90.10',
        gross: '100.30',
        pasAmount: '1.00',
        incomeClass: null,
      },
      {
        line: 18,
        paymentDate: '2026-04-05',
        month: '2026-04-01',
        netTaxable: '10.00',
        netPaid: null,
        netSocial: null,
        gross: null,
        pasAmount: null,
        incomeClass: null,
      },
    ]);
    const nir = new CopyBuffer();
    const ntt = new CopyBuffer();
    writeLines(
      { kind: 'nir', id: '1850662123456', line: 1 },
      deriveLines(unit).slice(1),
      { key: '1024', payerSiret: '73282932000074', source: 'DSN', kind: 'SALAIRE' },
      nir,
      ntt,
    );
    expect(nir.bytes.toString()).toBe(
      '1850662123456\t1024\t18\t1\t2026-04-01\t2026-04-05\t73282932000074\tDSN\tSALAIRE\t10.00\t\\N\t\\N\t\\N\t\\N\t\\N\n',
    );
    expect(ntt.length).toBe(0);
  });

  it('files a person without NIR under the temporary id, and nobody without either', async () => {
    expect(personOf(parsedUnit(["S21.G00.30.020,'NTT42'"]))).toMatchObject({ kind: 'ntt', id: 'NTT42' });
    expect(personOf(parsedUnit(["S21.G00.30.001,'12'"]))).toBeNull();
  });
});
