import { describe, expect, it } from 'vitest';
import { check, codes, edited, find, minimal } from '../../../test/helpers.ts';
import { readDsn } from '../check/events.ts';
import { latin1Bytes } from './latin1.ts';

describe('file syntax', () => {
  it('reads the reference declaration without any diagnostic', async () => {
    const report = await check(minimal());
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ norm: 'P26V01', envois: 1, declarations: 1, individuals: 1, lines: 84 });
  });

  it("reports a line that is not Sxx.Gyy.zz.nnn,'value' and goes on", async () => {
    const text = minimal().replace("S21.G00.30.004,'CHARLES'", "S21.G00.30.004;'CHARLES'");
    const report = await check(text);
    const [d] = find(report, 'RELAIS-LINE-SYNTAX');
    expect(d).toMatchObject({ line: 39, severity: 'blocking' });
    expect(d!.message).toContain('virgule');
    expect(report.individuals).toBe(1);
  });

  it('reports a value without its closing apostrophe (a cut line)', async () => {
    const report = await check(minimal().replace("S21.G00.30.004,'CHARLES'", "S21.G00.30.004,'CHARL"));
    expect(find(report, 'RELAIS-LINE-SYNTAX')[0]!.message).toContain('apostrophe');
  });

  it('reports an empty line', async () => {
    const report = await check(
      minimal().replace("S21.G00.30.004,'CHARLES'\n", "S21.G00.30.004,'CHARLES'\n\n"),
    );
    expect(find(report, 'RELAIS-LINE-SYNTAX')[0]).toMatchObject({ line: 40, message: 'Ligne vide.' });
  });

  it('accepts spaces after the closing apostrophe with a non-blocking warning', async () => {
    const report = await check(minimal().replace("S21.G00.30.004,'CHARLES'", "S21.G00.30.004,'CHARLES'  "));
    expect(codes(report)).toEqual(['RELAIS-LINE-TRAILING']);
    expect(report.summary.blocking).toBe(0);
  });

  it('keeps raw apostrophes inside a value: the value ends at the last quote of the line', async () => {
    const names: string[] = [];
    for await (const event of readDsn([latin1Bytes(minimal())])) {
      if (event.kind === 'unit') names.push(event.unit.value(2)!);
    }
    expect(names).toEqual(["D'ARTAGNAN"]);
  });

  it('reads LF, CRLF and CR-only files the same way', async () => {
    const lf = await check(minimal());
    const crlf = await check(minimal().replace(/\n/g, '\r\n'), { chunk: 333 });
    const cr = await check(minimal().replace(/\n/g, '\r'), { chunk: 100 });
    expect(crlf.diagnostics).toEqual(lf.diagnostics);
    expect(cr.diagnostics).toEqual(lf.diagnostics);
    expect(cr.lines).toBe(lf.lines);
  });

  it('gives the same report whatever the chunk boundaries', async () => {
    const text = minimal().replace("S21.G00.06.001,'732829320'", "S21.G00.06.001,'732829321'");
    const whole = await check(text);
    for (const size of [1, 2, 7, 64]) {
      expect((await check(text, { chunk: size })).diagnostics).toEqual(whole.diagnostics);
    }
  });

  it('flags a last line without line ending, still reading it', async () => {
    const report = await check(minimal().replace(/\n$/, ''));
    expect(codes(report)).toEqual(['RELAIS-LINE-NO-EOL']);
    expect(report.summary.blocking).toBe(0);
  });
});

describe('encoding', () => {
  it('accepts Latin-1 accented letters', async () => {
    const report = await check(minimal().replace("S21.G00.30.007,'PARIS'", "S21.G00.30.007,'SAINT-ÉTIENNE'"));
    expect(report.diagnostics).toEqual([]);
  });

  it('flags UTF-8 sequences and names the character', async () => {
    const utf8 = String.fromCharCode(0xc3, 0x89); // "É" written in UTF-8, read as Latin-1
    const report = await check(
      minimal().replace("S21.G00.30.007,'PARIS'", `S21.G00.30.007,'SAINT-${utf8}TIENNE'`),
    );
    const [d] = find(report, 'RELAIS-ENCODING-UTF8');
    expect(d).toMatchObject({ line: 41, severity: 'non-blocking' });
    expect(d!.message).toContain('« É »');
  });

  it('flags windows-1252 characters absent from ISO-8859-1', async () => {
    const report = await check(
      minimal().replace("S21.G00.30.002,'D'ARTAGNAN'", "S21.G00.30.002,'D\x92ARTAGNAN'"),
    );
    expect(find(report, 'RELAIS-ENCODING-CP1252')[0]!.message).toContain('’');
  });

  it('flags a UTF-8 byte order mark and still reads the file', async () => {
    const report = await check('\u00ef\u00bb\u00bf' + minimal());
    expect(codes(report)).toEqual(['RELAIS-ENCODING-BOM']);
    expect(report.individuals).toBe(1);
  });

  it('flags control characters inside a value', async () => {
    const report = await check(minimal().replace("S21.G00.30.004,'CHARLES'", "S21.G00.30.004,'CHAR\tLES'"));
    expect(find(report, 'RELAIS-LINE-CONTROL-CHAR')[0]!.message).toContain('tabulation');
  });
});

describe('block tree', () => {
  it('hands each individual over with its contracts and payments', async () => {
    const text = await edited([
      // A second individual: the nesting rule starts a new S21.G00.30 when its rubric numbers restart.
      {
        insertBefore: 'S90.G00.90.001',
        lines: minimal()
          .split('\n')
          .filter((l) => /^S21\.G00\.(30|40|50|51|58|71)\./.test(l))
          .map((l) => l.replace("'1850775123456'", "'2900275123458'")),
      },
    ]);
    const units: string[] = [];
    for await (const event of readDsn([latin1Bytes(text)])) {
      if (event.kind === 'unit') {
        units.push(
          `${event.unit.value(1)}:${event.unit.all('S21.G00.40').length}:${event.unit.all('S21.G00.50').length}`,
        );
      }
    }
    expect(units).toEqual(['1850775123456:1:1', '2900275123458:1:1']);
    expect((await check(text)).diagnostics).toEqual([]);
  });

  it('gives units to the consumer while the file is still being read', async () => {
    const text = minimal();
    const bytes = latin1Bytes(text);
    const half = text.indexOf('S90.G00.90.001');
    let unitsBeforeEnd = 0;
    let sentAll = false;
    async function* source() {
      yield bytes.subarray(0, half);
      yield bytes.subarray(half);
      sentAll = true;
    }
    for await (const event of readDsn(source())) {
      if (event.kind === 'unit' && !sentAll) unitsBeforeEnd++;
    }
    expect(unitsBeforeEnd).toBe(1);
  });

  it('reports a block found outside its parent and skips its rubrics', async () => {
    const report = await check(
      await edited([
        { removeBlock: 'S21.G00.30' },
        { insertBefore: 'S90.G00.90.001', lines: ["S21.G00.40.001,'01032020'"] },
      ]),
    );
    expect(find(report, 'RELAIS-BLOCK-MISPLACED')[0]).toMatchObject({ block: 'S21.G00.40' });
  });

  it('reports rubrics out of order and duplicated rubrics in a single-instance block', async () => {
    const order = await check(
      await edited([
        { remove: 'S21.G00.06.002' },
        { insertAfter: 'S21.G00.06.003', lines: ["S21.G00.06.002,'00074'"] },
      ]),
    );
    expect(codes(order)).toContain('RELAIS-RUBRIC-ORDER');
    const twice = await check(
      await edited([{ insertAfter: 'S21.G00.06.001', lines: ["S21.G00.06.001,'732829320'"] }]),
    );
    expect(codes(twice)).toContain('RELAIS-RUBRIC-DUPLICATE');
  });

  it('reports unknown blocks and rubrics', async () => {
    const report = await check(
      await edited([
        { insertAfter: 'S21.G00.30.004', lines: ["S21.G00.30.099,'X'"] },
        { insertAfter: 'S21.G00.71.002', lines: ["S21.G00.77.001,'X'"] },
      ]),
    );
    expect(codes(report)).toEqual(['RELAIS-BLOCK-UNKNOWN', 'RELAIS-RUBRIC-UNKNOWN']);
  });

  it('reports a missing mandatory block and too many occurrences', async () => {
    const missing = await check(await edited([{ removeBlock: 'S21.G00.71' }]));
    expect(find(missing, 'RELAIS-BLOCK-MISSING')[0]!.message).toContain('S21.G00.71');
    const many = await check(
      await edited([{ insertBefore: 'S90.G00.90.001', lines: ["S21.G00.06.001,'732829320'"] }]),
    );
    expect(codes(many)).toContain('RELAIS-BLOCK-TOO-MANY');
  });

  it('reports blocks in an order different from the norm as non-blocking', async () => {
    const text = minimal();
    const lines = text.split('\n');
    const contract = lines.filter((l) => l.startsWith('S21.G00.40.') || l.startsWith('S21.G00.71.'));
    const payment = lines.filter((l) => /^S21\.G00\.(50|51|58)\./.test(l));
    const others = lines.filter((l) => !contract.includes(l) && !payment.includes(l));
    const at = others.indexOf("S21.G00.30.015,'FR'") + 1;
    others.splice(at, 0, ...payment, ...contract);
    const report = await check(others.join('\n'));
    expect(codes(report)).toEqual(['RELAIS-BLOCK-ORDER']);
    expect(report.summary.blocking).toBe(0);
  });
});

describe('organisms lot envelope', () => {
  const envoi = () => minimal().trimEnd();
  const lot = (groupCount: string, dsnInGroup: string) =>
    [
      "S05.G51.00.001,'V01R02'",
      "S05.G51.00.002,'769608'",
      "S05.G51.00.003,'01'",
      "S05.G51.00.004,'19122025'",
      "S05.G51.00.005,'201648'",
      `S05.G51.00.006,'${groupCount}'`,
      "S06.G51.00.001,'DSNOK'",
      envoi(),
      envoi()
        .replace("S10.G00.02.005,'0102030405'", "S10.G00.02.005,'0102030405'\nS10.G00.95.001,'MtoM'")
        .replace("S90.G00.90.001,'84'", "S90.G00.90.001,'85'"),
      "S96.G51.00.001,'FINSL'",
      `S96.G51.00.002,'${dsnInGroup}'`,
      "S95.G51.00.001,'769608'",
      `S95.G51.00.002,'${groupCount}'`,
      '',
    ].join('\n');

  it('reads every envoi of a lot, with the concentrator rubrics', async () => {
    const report = await check(lot('1', '2'));
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ envois: 2, declarations: 2, individuals: 2 });
  });

  it('checks the counters of the envelope', async () => {
    const report = await check(lot('2', '3'));
    expect(find(report, 'RELAIS-LOT-STRUCTURE').map((d) => d.message)).toEqual([
      'Le groupe « DSNOK » annonce 3 DSN mais en contient 2.',
      'Le lot annonce 2 groupes mais en contient 1.',
    ]);
  });
});
