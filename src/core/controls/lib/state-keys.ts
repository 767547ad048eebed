/**
 * Keys for the per-declaration state of controls (seen NIRs, NTTs, contract numbers…). A rubric
 * value is a slice of the chunk of text the reader read it from, and V8 keeps the whole chunk
 * alive behind any slice of 13 characters or more: a Set of raw NIRs would hold the whole file in
 * memory. State must keep copies, or numbers.
 */

/** A copy of `value` that does not keep the text it was sliced from alive. */
export function detached(value: string): string {
  // Concatenating then slicing flattens into a new string of the value's own size.
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * A compact key for an identifier: digits, A and B (a NIR, its Corsican departments 2A/2B) read
 * (up to 13 characters: 12¹³ × 16 stays below 2⁵³) read as a base-12 number, a detached copy
 * otherwise.
 */
export function identifierKey(value: string): number | string {
  if (value.length > 13) return detached(value);
  let key = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c === 65 || c === 66) d = c - 55;
    else return detached(value);
    key = key * 12 + d;
  }
  // Leading zeros and the length both matter: `0123` and `123` are different identifiers.
  return key * 16 + value.length;
}
