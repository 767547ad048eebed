/**
 * Official control ids as people type them: `s21.g00.30.001/cch14`, `S21.G00.30.001 / CCH-14` and
 * `S21.G00.30.001 CCH-14` all name `S21.G00.30.001/CCH-14`, the normalised id of the norm's
 * Messages sheets (see `scripts/build-norm.ts`, which records the sheets' own slips as aliases).
 */
const spelling = /^(S\d{2}\.G\d{2}\.\d{2}\.\d{3})\/?([A-Z]{3})-?(\d+)$/;

/** The normalised id for a typed one, or the text without blanks when it does not look like an id. */
export function normaliseControlId(typed: string): string {
  const text = typed.replace(/\s+/g, '').toUpperCase();
  const m = spelling.exec(text);
  return m ? `${m[1]}/${m[2]}-${m[3]}` : text;
}
