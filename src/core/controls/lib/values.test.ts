import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents, decimal } from './values.ts';
import { dateKey } from '../../values/calendar.ts';

describe('value readers', () => {
  it('read dates, amounts and decimals exactly as their patterns say', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9.,]{0,10}$/), (v) => {
        const amount = /^(-?)(\d+)\.(\d{2})$/.exec(v);
        const expectedCents = amount
          ? (amount[1] ? -1 : 1) * (Number(amount[2]) * 100 + Number(amount[3]))
          : null;
        expect(cents(v)).toBe(expectedCents === 0 ? 0 : expectedCents);
        expect(decimal(v)).toBe(/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8}$/), (v) => {
        const d = new Date(Date.UTC(Number(v.slice(4)), Number(v.slice(2, 4)) - 1, Number(v.slice(0, 2))));
        const real =
          Number(v.slice(2, 4)) >= 1 &&
          Number(v.slice(2, 4)) <= 12 &&
          d.getUTCDate() === Number(v.slice(0, 2)) &&
          Number(v.slice(0, 2)) > 0;
        expect(dateKey(v)).toBe(real ? Number(v.slice(4) + v.slice(2, 4) + v.slice(0, 2)) : null);
      }),
      { numRuns: 5000 },
    );
  });
});
