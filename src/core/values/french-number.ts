/**
 * A number as French text, as `toLocaleString('fr-FR')` writes it (`12 345`, U+202F between groups
 * of digits). Integers are grouped here: the locale data behind `toLocaleString` takes some 20 ms
 * to load on first use, a large part of the time a small file's check takes from start to end.
 */
export function frenchNumber(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return value.toLocaleString('fr-FR');
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `\u202f${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}
