import type { Control } from '../../control.ts';
import { forbiddenWhen, is, isOther, present, ref } from '../../lib/rules.ts';
import { contract, pair, example } from './examples.ts';
import { and, requiredIffAllowed, reservedToChanges } from './shared.ts';

/**
 * [FP] rubrics of the public service (S21.G00.40.052–066, 080), forbidden outside it, and the escape
 * values that only S21.G00.41 may carry.
 */

const notPublicService = is(ref('S21.G00.40.026'), '99');

/** "La rubrique [FP] … est interdite si le statut d'emploi est « 99 - Non concerné »", with a sample value. */
const publicServiceOnly: [id: string, number: number, value: string][] = [
  ['S21.G00.40.052/CCH-11', 52, '1234'],
  ['S21.G00.40.057/CCH-11', 57, '500'],
  ['S21.G00.40.058/CCH-11', 58, '450'],
  ['S21.G00.40.059/CCH-11', 59, '15'],
  ['S21.G00.40.060/CCH-11', 60, '500'],
  ['S21.G00.40.061/CCH-11', 61, '600'],
  ['S21.G00.40.062/CCH-11', 62, '01'],
  ['S21.G00.40.064/CCH-11', 64, '500'],
  ['S21.G00.40.065/CCH-11', 65, '500'],
  ['S21.G00.40.080/CCH-11', 80, '49'],
];

/** "Il est interdit de renseigner la rubrique avec la valeur X: réservée au bloc S21.G00.41." */
const escapeValues: [id: string, number: number, escape: string, real: string][] = [
  ['S21.G00.40.022/CCH-11', 22, '99', '01'],
  ['S21.G00.40.041/CCH-11', 41, 'ZZZ', 'NIVEAU II'],
  ['S21.G00.40.057/CCH-12', 57, 'ZZ9', '500'],
  ['S21.G00.40.060/CCH-12', 60, 'ZZ9', '500'],
  ['S21.G00.40.061/CCH-12', 61, 'ZZ9', '600'],
  ['S21.G00.40.063/CCH-12', 63, 'ZZ9', '500'],
  ['S21.G00.40.064/CCH-12', 64, 'ZZ9', '500'],
  ['S21.G00.40.065/CCH-12', 65, 'ZZ9', '500'],
  ['S21.G00.40.069/CCH-11', 69, 'ZZZ', 'A1'],
  ['S21.G00.40.071/CCH-11', 71, '000', '210'],
  ['S21.G00.40.079/CCH-11', 79, '99999', '12345'],
  ['S21.G00.40.080/CCH-12', 80, '999', '49'],
  ['S21.G00.40.081/CCH-11', 81, '999999999', '750000001'],
];

/** A civil servant (S21.G00.40.026 « 01 - Fonctionnaire »), with the [FP] rubrics given. */
const civilServant = (values: Record<number, string>) => contract({ 7: '50', 26: '01', ...values });

export const publicServiceControls: Control[] = [
  ...publicServiceOnly.map(([id, n, value]) =>
    forbiddenWhen(id, notPublicService, {
      examples: () =>
        pair(
          `Rubrique [FP] ${n} pour un salarié non concerné`,
          contract({ [n]: value }),
          `Rubrique [FP] ${n} pour un fonctionnaire`,
          civilServant({ [n]: value }),
        ),
    }),
  ),
  forbiddenWhen('S21.G00.40.053/CCH-11', and(notPublicService, isOther(ref('S21.G00.40.020'), '134')), {
    examples: () => [
      example('Nature du poste pour un salarié du privé', true, contract({ 53: '01' })),
      example('Nature du poste pour un fonctionnaire', false, civilServant({ 53: '01' })),
      example('Nature du poste pour un cheminot (régime 134)', false, contract({ 20: '134', 53: '01' })),
    ],
  }),
  requiredIffAllowed('S21.G00.40.054/CCH-11', is(ref('S21.G00.40.053'), '02'), {
    examples: () => [
      example('Poste à temps non complet sans quotité de référence', true, civilServant({ 53: '02' })),
      example(
        'Quotité de référence pour un poste à temps complet',
        true,
        civilServant({ 53: '01', 54: '35.00' }),
      ),
      example(
        'Poste à temps non complet avec sa quotité de référence',
        false,
        civilServant({ 53: '02', 54: '35.00' }),
      ),
    ],
  }),
  requiredIffAllowed('S21.G00.40.063/CCH-11', present(ref('S21.G00.40.062')), {
    examples: () => [
      example('Ancien employeur public sans indice d’origine', true, civilServant({ 62: '01' })),
      example('Indice d’origine sans ancien employeur public', true, civilServant({ 63: '500' })),
      example(
        'Ancien employeur public et son indice d’origine',
        false,
        civilServant({ 62: '01', 63: '500' }),
      ),
    ],
  }),
  ...escapeValues.map(([id, n, escape, real]) =>
    reservedToChanges(id, escape, {
      examples: () =>
        pair(
          `Rubrique ${n} renseignée avec ${escape}`,
          civilServant({ [n]: escape }),
          `Rubrique ${n} renseignée avec ${real}`,
          civilServant({ [n]: real }),
        ),
    }),
  ),
];
