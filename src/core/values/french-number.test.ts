import { describe, expect, it } from 'vitest';
import { frenchNumber } from './french-number.ts';

describe('frenchNumber', () => {
  it('writes what toLocaleString("fr-FR") writes', () => {
    const values = [0, 1, 9, 10, 99, 100, 999, 1000, 1234, 12345, 123456, 1234567, 1e9, 2 ** 53 - 1];
    for (let v = 1; v < 1e15; v = v * 7 + 3) values.push(v);
    for (const v of [...values, ...values.map((x) => -x), 12.5, -0.25, 1e21, NaN, Infinity]) {
      expect(frenchNumber(v), String(v)).toBe(v.toLocaleString('fr-FR'));
    }
  });
});
