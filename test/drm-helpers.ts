import { replacementOf } from '../src/features/deposit/replacement.ts';
import { declaredIdentities, type DeclaredIdentity } from '../src/features/drm/declared-identities.ts';

/** Test and benchmark support: who a generated DSN declares, and its annulation. */

/** Who a generated DSN declares, in file order. */
export type DeclaredPerson = DeclaredIdentity;
export const declaredPersons = declaredIdentities;

/**
 * The annulation (type 04) of a monthly envoi: same establishments and months, no individual,
 * S90.G00.90.001 recounted.
 */
export function cancellationOf(text: string, fileDate: string): string {
  const replaced = replacementOf(text, { fileDate }).replaceAll("S20.G00.05.002,'03'", "S20.G00.05.002,'04'");
  const out: string[] = [];
  let skipping = false;
  for (const line of replaced.split('\n')) {
    if (line.startsWith('S21.G00.30.001,')) skipping = true;
    if (line.startsWith('S20.') || line.startsWith('S90.')) skipping = false;
    if (!skipping) out.push(line);
  }
  const start = out.findIndex((l) => l.startsWith('S10.G00.00.001'));
  const end = out.findIndex((l) => l.startsWith('S90.G00.90.002'));
  const total = out.findIndex((l) => l.startsWith('S90.G00.90.001'));
  out[total] = `S90.G00.90.001,'${end - start + 1}'`;
  return out.join('\n');
}

/** `AAAA-MM` of the first payment date (S21.G00.50.001) of a DSN text. */
export function paymentMonth(text: string): string {
  const date = /^S21\.G00\.50\.001,'(\d{2})(\d{2})(\d{4})'/m.exec(text);
  if (!date) throw new Error('no S21.G00.50.001');
  return `${date[3]}-${date[2]}`;
}

/**
 * `text` (DSN or PASRAU) with its first individual declared as `person`: NIR, names and birth date
 * replaced, the rest (payments) kept. For "the same person paid by two declarants".
 */
export function firstIndividualAs(text: string, person: DeclaredPerson): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('S21.G00.30.001,'));
  const [year, month, day] = person.birthDate.split('-');
  const traits: Record<string, string> = {
    '001': person.nir.slice(0, 13),
    '002': person.lastName,
    '004': person.firstNames,
    '006': `${day}${month}${year}`,
  };
  for (let i = at; lines[i]!.startsWith('S21.G00.30.'); i++) {
    const value = traits[lines[i]!.slice(11, 14)];
    if (value !== undefined) lines[i] = `${lines[i]!.slice(0, 14)},'${value}'`;
    // A usage name of the other identity would not be this person's.
    if (lines[i]!.startsWith('S21.G00.30.003,')) lines[i] = `S21.G00.30.003,'${person.lastName}'`;
  }
  return lines.join('\n');
}
