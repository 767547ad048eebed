/**
 * Exact sums of declared amounts. Amounts stay decimal strings from the file to the JSON answer:
 * a binary float would turn 0.10 + 0.20 into 0.30000000000000004, and a total must be the sum a
 * person can redo by hand.
 */

const decimal = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled | null {
  const match = decimal.exec(value);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2] || '0'}${fraction}`);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * Sum of the amounts given, with as many decimals as the most precise one (at least two); null
 * when none is given. Throws on a value that is not a decimal: callers pass checked amounts.
 */
export function sumDecimals(values: Iterable<string | null | undefined>): string | null {
  const parsed: Scaled[] = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const p = parse(value);
    if (p === null) throw new RangeError(`not a decimal: ${value}`);
    parsed.push(p);
  }
  if (parsed.length === 0) return null;
  const scale = Math.max(2, ...parsed.map((p) => p.scale));
  let total = 0n;
  for (const p of parsed) total += p.units * 10n ** BigInt(scale - p.scale);
  return format(total, scale);
}
