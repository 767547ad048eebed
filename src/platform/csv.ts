/**
 * CSV as RFC 4180 writes it (comma separator, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled), with two additions for the spreadsheet a
 * clerk opens it in: a byte order mark, so that accented letters are read as UTF-8, and a field
 * that a spreadsheet would run as a formula (`=…`, `+…`, `@…`) prefixed with an apostrophe.
 * No CSV library is among the project's dependencies (`csv-parse`, for the tests, only reads).
 */

const formula = /^[=+@\t\r]|^-[^\d.,]/;

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : formula.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return `\ufeff${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
