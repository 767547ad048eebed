import type { Block } from '../../../parse/tree.ts';
import { numberOf, type Control, type ControlContext } from '../../control.ts';
import { company } from '../../lib/declaration.ts';
import { valueRule } from '../../lib/rules.ts';

/**
 * Rules on a NIR (numéro d'inscription au répertoire, 13 characters without its key) and on a NTT
 * (numéro technique temporaire), written once for the individual (S21.G00.30) and for the S89
 * blocks that repeat them (67, 87, 88, 89).
 */

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message'>;

/** Placeholders of an unknown NIR: a sex digit followed by twelve 9. */
const unknownNirs = new Set(['1999999999999', '2999999999999']);
const sixTrailingNines = /9{6}$/;

/** "Il n'est pas admis qu'un NIR soit renseigné avec la valeur 1999999999999 ou 2999999999999." */
export const notUnknownNir = (id: string, extra: Extra = {}): Control =>
  valueRule(id, (nir) => unknownNirs.has(nir), extra);

/** "…plus de cinq caractères 9 à la suite en fin de chaîne." */
export const notTrailingNines = (id: string, extra: Extra = {}): Control =>
  valueRule(id, (nir) => sixTrailingNines.test(nir), extra);

/** "Le NTT doit obligatoirement commencer par 1 ou 2." */
export const nttStartsWithSex = (id: string, extra: Extra = {}): Control =>
  valueRule(id, (ntt) => ntt[0] !== '1' && ntt[0] !== '2', extra);

/** "Le caractère espace est interdit dans la composition du numéro technique temporaire." */
export const nttWithoutSpace = (id: string, extra: Extra = {}): Control =>
  valueRule(id, (ntt) => ntt.includes(' '), extra);

/** "Le NTT est composé de la valeur déclarée dans la rubrique SIREN - S21.G00.06.001 de la 2ème à la 10ème position." */
export const nttCarriesSiren = (id: string, extra: Extra = {}): Control =>
  valueRule(
    id,
    (ntt, _block, ctx) => {
      const siren = company(ctx)?.value(1);
      return siren !== undefined && !ntt.startsWith(siren, 1);
    },
    extra,
  );

/** "Si le NIR n'est pas renseigné, le NTT (rubric `ntt` of the block) doit obligatoirement être renseigné." */
export function nirOrNtt(id: string, ntt: number, extra: Extra = {}): Control {
  const nir = numberOf(id);
  return {
    id,
    ...extra,
    check(block, ctx) {
      if (!block.has(nir) && !block.has(ntt)) ctx.fail(block);
    },
  };
}

/** The number written by `n` digits of `text` from `start`; null if one is not a digit. */
export function digitsAt(text: string, start: number, n: number): number | null {
  if (text.length < start + n) return null;
  let value = 0;
  for (let i = start; i < start + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
  }
  return value;
}

/** Year of a birth date `JJMMAAAA` (day and month may be 99 or 00); null when unreadable. */
export function birthYear(birthDate: string | undefined): number | null {
  return birthDate === undefined || birthDate.length !== 8 ? null : digitsAt(birthDate, 4, 4);
}

/**
 * Whether the department code written at `at` in `text` existed in the birth year: Corsica was 20
 * until 1975 and 2A/2B from 1976; 96 (born in a former French territory) stops in 1967.
 */
export function departmentExisted(text: string, at: number, year: number): boolean {
  const a = text[at];
  const b = text[at + 1];
  if (a === '2' && (b === 'A' || b === 'B')) return year >= 1976;
  if (a === '2' && b === '0') return year < 1976;
  if (a === '9' && b === '6') return year < 1968;
  return true;
}

/** Characters 6 and 7 of a 13-character NIR are the department of birth. */
const nirDepartmentAt = 5;

/**
 * "Pour un NIR sur 13 caractères, DD = département de naissance ne peut être égal à 2A ou 2B si
 * année de naissance inférieure à 1976…": `year` reads the birth year the rule compares with.
 */
export function nirDepartmentRule(
  id: string,
  year: (block: Block, ctx: ControlContext) => number | null,
  extra: Extra = {},
): Control {
  return valueRule(
    id,
    (nir, block, ctx) => {
      if (nir.length !== 13) return false;
      const y = year(block, ctx);
      return y !== null && !departmentExisted(nir, nirDepartmentAt, y);
    },
    extra,
  );
}
