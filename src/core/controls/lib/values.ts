/**
 * Reading rubric values for comparisons. Every function accepts `undefined` (an absent rubric) and
 * returns null for what cannot be read: a value of the wrong shape is the datatype check's business,
 * controls only judge values they can read. Dates are read with `values/calendar.ts` (`dateKey`).
 */

/** `MMAAAA` → `AAAAMM` as a number; null if not a month. */
export function monthKey(value: string | undefined): number | null {
  if (value === undefined || !/^\d{6}$/.test(value)) return null;
  const month = Number(value.slice(0, 2));
  if (month < 1 || month > 12) return null;
  return Number(value.slice(2, 6)) * 100 + month;
}

/** An amount `-1523.40` in cents (-152340), exact; null if it is not an amount. */
export function cents(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = value.length;
  if (n < 4 || value.charCodeAt(n - 3) !== 46) return null;
  const negative = value.charCodeAt(0) === 45;
  let total = 0;
  for (let i = negative ? 1 : 0; i < n; i++) {
    if (i === n - 3) continue;
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    total = total * 10 + d;
  }
  if (negative && n === 4) return null;
  return negative ? -total : total;
}

/** Any decimal number (`151.67`, `35`, `0.5`); null otherwise. */
export function decimal(value: string | undefined): number | null {
  if (value === undefined || value.length === 0) return null;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let point = -1;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 && point < 0 && i > start) point = i;
    else if (c < 48 || c > 57) return null;
  }
  if (i === start || point === value.length - 1) return null;
  return Number(value);
}

/** True when the rubric is present and its value is one of `codes`. */
export function isOneOf(value: string | undefined, codes: readonly string[]): boolean {
  return value !== undefined && codes.includes(value);
}
