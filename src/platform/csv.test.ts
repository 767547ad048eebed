import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('CSV for a spreadsheet', () => {
  it('writes RFC 4180 lines that a CSV reader gives back as they were', () => {
    const rows = [
      ['S21.G00.30.006/CCH-11', 'La valeur « 01012090 », une date future', 3],
      ['RELAIS-LINE-SYNTAX', 'Ligne "illisible"\nsur deux lignes', null],
      ['Code', 'accentués : éèàç', 0],
    ];
    const text = toCsv(['Code', 'Message', 'Nombre'], rows);
    expect(text.startsWith('\ufeffCode,Message,Nombre\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([
      ['Code', 'Message', 'Nombre'],
      ['S21.G00.30.006/CCH-11', 'La valeur « 01012090 », une date future', '3'],
      ['RELAIS-LINE-SYNTAX', 'Ligne "illisible"\nsur deux lignes', ''],
      ['Code', 'accentués : éèàç', '0'],
    ]);
  });

  it('keeps a value that a spreadsheet would run as a formula from being one, and negative numbers as they are', () => {
    const [, row] = parse(toCsv(['a', 'b', 'c', 'd'], [['=1+2', '@SUM(A1)', '-5,2', '-x']]), {
      bom: true,
    }) as string[][];
    expect(row).toEqual(["'=1+2", "'@SUM(A1)", '-5,2', "'-x"]);
  });
});
