import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { declaredMonthEnd, notAfterDeclaredMonth } from '../../lib/dating.ts';
import { child, contract, example, lines, pair } from '../contract/examples.ts';
import { contractStart, dateOf } from '../contract/shared.ts';
import { notAfter, notBefore } from '../../lib/periods.ts';

/** Changements contrat (S21.G00.41). */

/** A change block of the minimal declaration's contract. */
const change = (values: Record<number, string>) => [child(...lines('S21.G00.41', values))];

/**
 * §4.4.14 of the cahier technique sorts the rubrics of S21.G00.41 into « modalités » and « données
 * identifiantes »; the norm's data does not carry that list, and these rules are nothing else.
 */
const needsModalities = (id: string): Control => ({
  id,
  status: 'not-applicable',
  reason:
    'La règle renvoie au paragraphe 4.4.14 du cahier technique, qui classe les rubriques du bloc « Changements Contrat - S21.G00.41 » en modalités et en données identifiantes ; cette liste ne figure pas dans les données de la norme et Relais ne la devine pas.',
});

/** True when the block holds exactly the rubrics `numbers`. */
function holdsOnly(block: Block, numbers: readonly number[]): boolean {
  const rubrics = block.rubrics;
  if (rubrics.length !== numbers.length) return false;
  for (let i = 0; i < rubrics.length; i++) if (!numbers.includes(rubrics[i]!.number)) return false;
  return true;
}

export const changeControls: Control[] = [
  {
    id: 'S21.G00.41.001/CCH-12',
    check(block, ctx) {
      if (holdsOnly(block, [1])) ctx.fail(block.rubric(1) ?? block);
    },
    examples: () =>
      pair(
        'Changement sans ancienne valeur',
        change({ 1: '01012026' }),
        'Changement de modalité de temps de travail',
        change({ 1: '01012026', 8: '20' }),
      ),
  },
  needsModalities('S21.G00.41.001/CCH-13'),
  {
    id: 'S21.G00.41.001/CCH-14',
    check(block, ctx) {
      if (holdsOnly(block, [1, 28])) ctx.fail(block.rubric(1) ?? block);
    },
    examples: () =>
      pair(
        'Changement réduit à une profondeur de recalcul',
        change({ 1: '01012026', 28: '01012026' }),
        'Changement de quotité avec sa profondeur de recalcul',
        change({ 1: '01012026', 7: '100.00', 28: '01012026' }),
      ),
  },
  notAfter('S21.G00.41.001/CCH-15', (_, ctx) => declaredMonthEnd(ctx), {
    examples: () =>
      pair(
        'Modification datée du mois suivant le mois déclaré',
        change({ 1: '01022026', 8: '20' }),
        'Modification datée du dernier jour du mois déclaré',
        change({ 1: '31012026', 8: '20' }),
      ),
  }),
  needsModalities('S21.G00.41.001/CCH-16'),
  notAfterDeclaredMonth('S21.G00.41.001/SIG-11', {
    examples: () =>
      pair(
        'Modification datée du mois suivant le mois déclaré',
        change({ 1: '01022026', 8: '20' }),
        'Modification datée du mois déclaré',
        change({ 1: '15012026', 8: '20' }),
      ),
  }),
  notAfterDeclaredMonth('S21.G00.41.021/SIG-11', {
    examples: () =>
      pair(
        'Ancienne date de début postérieure au mois déclaré',
        change({ 1: '15012026', 21: '01022026' }),
        'Ancienne date de début antérieure au mois déclaré',
        change({ 1: '15012026', 21: '01012020' }),
      ),
  }),
  needsModalities('S21.G00.41.028/CCH-11'),
  needsModalities('S21.G00.41.028/CCH-12'),
  {
    id: 'S21.G00.41.028/CCH-13',
    check(block, ctx) {
      const rubric = block.rubric(28);
      const depth = dateOf(block, 28);
      if (rubric === undefined || depth === null || depth % 100 === 1) return;
      if (depth !== contractStart(block)) ctx.fail(rubric);
    },
    examples: () => [
      example(
        'Profondeur de recalcul au 15 du mois',
        true,
        change({ 1: '15012026', 7: '100.00', 28: '15122025' }),
      ),
      example(
        'Profondeur de recalcul au premier du mois',
        false,
        change({ 1: '15012026', 7: '100.00', 28: '01122025' }),
      ),
      example('Profondeur de recalcul à la date de début du contrat', false, [
        ...contract({ 1: '15122025' }),
        ...change({ 1: '15012026', 7: '100.00', 28: '15122025' }),
      ]),
    ],
  },
  notBefore('S21.G00.41.028/CCH-14', contractStart, {
    examples: () =>
      pair(
        'Profondeur de recalcul antérieure au début du contrat',
        change({ 1: '15012026', 7: '100.00', 28: '01022020' }),
        'Profondeur de recalcul au mois du début du contrat',
        change({ 1: '15012026', 7: '100.00', 28: '01032020' }),
      ),
  }),
  notAfter('S21.G00.41.028/CCH-15', (b) => dateOf(b, 1), {
    examples: () =>
      pair(
        'Profondeur de recalcul postérieure à la modification',
        change({ 1: '15012026', 7: '100.00', 28: '01022026' }),
        'Profondeur de recalcul antérieure à la modification',
        change({ 1: '15012026', 7: '100.00', 28: '01012026' }),
      ),
  }),
];
