import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../core/values/calendar.ts';
import { isDecimal } from '../../core/values/decimal.ts';
import { CopyBuffer } from './copy-buffer.ts';

const written = (write: (out: CopyBuffer) => void) => {
  const out = new CopyBuffer();
  write(out);
  return out.bytes.toString('utf8');
};

describe('COPY text values', () => {
  it('escapes the separators and keeps accents', () => {
    expect(written((o) => o.text('A\\B\tC\nD\rÉ'))).toBe('A\\\\B\\tC\\nD\\rÉ');
    expect(written((o) => o.text('ÉLODIE\tx'))).toBe('ÉLODIE\\tx');
    expect(written((o) => o.text(undefined))).toBe('\\N');
  });

  it('replaces NUL, which PostgreSQL text cannot hold', () => {
    expect(written((o) => o.text('a\0b'))).toBe('a\uFFFDb');
  });

  it('writes calendar dates as ISO and anything else as NULL', () => {
    expect(written((o) => o.date('29022024'))).toBe('2024-02-29');
    expect(written((o) => o.date('29022025'))).toBe('\\N');
    expect(written((o) => o.date('31042026'))).toBe('\\N');
    expect(isCalendarDate('0101202')).toBe(false);
  });

  it('keeps decimals exactly as written and refuses the rest', () => {
    expect(written((o) => o.numeric('-1628.50'))).toBe('-1628.50');
    for (const bad of ['', '-', '1,5', '1.2.3', '12a', '.']) expect(isDecimal(bad)).toBe(false);
    expect(isDecimal('.5')).toBe(true);
  });

  it('grows its buffer and counts rows', () => {
    const out = new CopyBuffer();
    for (let i = 0; i < 10_000; i++) {
      out.int(i);
      out.tab();
      out.text('x'.repeat(20));
      out.endRow();
    }
    expect(out.rows).toBe(10_000);
    expect(out.bytes.toString().split('\n')[9999]).toBe(`9999\t${'x'.repeat(20)}`);
  });
});
