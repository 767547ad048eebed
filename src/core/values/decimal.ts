/**
 * A decimal as declared amounts and quantities are stored (`[+-]digits[.digits]`, at most 20 digits
 * before the point and 10 after): what the DRM keeps of a value, and what a database `numeric`
 * column is given. Wider than the controls' reading (`controls/lib/values.ts` `decimal`), which
 * follows the norm's patterns.
 */
export function isDecimal(value: string): boolean {
  const n = value.length;
  let i = 0;
  if (n === 0) return false;
  const first = value.charCodeAt(0);
  if (first === 43 || first === 45) i = 1;
  let before = 0;
  let after = -1;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (after >= 0) after++;
      else before++;
    } else if (c === 46 && after < 0) after = 0;
    else return false;
  }
  return before + Math.max(after, 0) > 0 && before <= 20 && after <= 10;
}
