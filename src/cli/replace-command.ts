import { readFileSync, writeFileSync } from 'node:fs';
import { replacementOf } from '../features/deposit/replacement.ts';
import { exitCodes, UsageError } from './errors.ts';
import { readFailure, writeFailure } from './files.ts';

/** `relais replace FILE --out FILE2`: the annule-et-remplace of a deposited monthly envoi. */
export async function replaceCommand(
  file: string,
  options: { out?: string; date?: string },
): Promise<number> {
  if (!options.out) throw new UsageError("l'option --out est obligatoire (fichier à écrire).");
  const today = new Date();
  const date =
    options.date ??
    `${String(today.getDate()).padStart(2, '0')}${String(today.getMonth() + 1).padStart(2, '0')}${today.getFullYear()}`;
  if (!/^\d{8}$/.test(date)) throw new UsageError(`--date attend JJMMAAAA, pas « ${date} ».`);
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (error) {
    throw readFailure(file, error);
  }
  const replaced = replacementOf(text, { fileDate: date });
  try {
    writeFileSync(options.out, replaced, 'latin1');
  } catch (error) {
    throw writeFailure(options.out, error);
  }
  const count = [...replaced.matchAll(/^S20\.G00\.05\.002,'03'/gm)].length;
  const named = [...replaced.matchAll(/^S20\.G00\.05\.006,'([^']*)'/gm)].map((m) => m[1]);
  process.stdout.write(
    `Fichier ${options.out} écrit : ${count} déclaration(s) « annule et remplace » (type 03), ` +
      (named.length > 0
        ? `remplaçant ${named.join(', ')} (S20.G00.05.006).\n`
        : 'chacune remplaçant la déclaration mensuelle en vigueur de son établissement, de son mois et de sa fraction.\n'),
  );
  return exitCodes.ok;
}
