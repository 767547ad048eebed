import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth, notAfterFileDate } from '../../lib/dating.ts';
import { forbiddenWhen, is, not, ref, valueRule } from '../../lib/rules.ts';
import { allowed } from '../../lib/usages.ts';
import { dateKey } from '../../../values/calendar.ts';
import { contract, declarationNature, example, pair } from './examples.ts';
import { required, requiredIffAllowed } from './shared.ts';

/** Unemployment insurance management (S21.G00.40.027–033). */

const management = ref('S21.G00.40.029');
const agreement = ref('S21.G00.40.033');
/** A management agreement with Unédic signed before 2010 is numbered « Cxxx ». */
const oldAgreementNumber = /^C.{3}$/;
const before2010 = 20100101;
const agreementAllowed = allowed('S21.G00.40.033');

/** An employer that signed a management agreement (02) numbered `number`. */
const agreementOf = (number: string, extra: Record<number, string> = {}) =>
  contract({ 27: '123456', 29: '02', 33: number, ...extra });

export const unemploymentControls: Control[] = [
  forbiddenWhen('S21.G00.40.027/CCH-11', not(is(management, '02')), {
    examples: () =>
      pair(
        'Code affectation pour un employeur en auto-assurance',
        contract({ 27: '123456', 29: '01' }),
        'Code affectation pour un employeur en convention de gestion',
        agreementOf('G1234'),
      ),
  }),
  required(
    'S21.G00.40.027/CCH-12',
    (b, ctx) => {
      const number = agreement(b, ctx);
      return number !== undefined && !number.startsWith('C');
    },
    {
      examples: () =>
        pair(
          'Convention de gestion récente sans code affectation',
          contract({ 29: '02', 33: 'G1234' }),
          'Convention de gestion antérieure à 2010 sans code affectation',
          contract({ 29: '02', 33: 'C123' }),
        ),
    },
  ),
  valueRule('S21.G00.40.029/CCH-11', (v, b) => v === '05' && b.value(8) !== '81', {
    requires: [{ rubric: 29, values: ['05'] }],
    examples: () =>
      pair(
        'Régime particulier des apprentis du secteur public hors apprentissage',
        contract({ 29: '05' }),
        'Régime particulier des apprentis pour un apprenti du secteur public',
        contract({ 7: '02', 8: '81', 10: '31082027', 29: '05' }),
      ),
  }),
  required('S21.G00.40.029/SIG-12', is(ref('S21.G00.11.017'), '02', '03'), {
    examples: () => [
      example('Employeur public sans type de gestion de l’Assurance chômage', true, [
        { insertAfter: 'S21.G00.11.005', lines: ["S21.G00.11.017,'02'"] },
      ]),
      example('Employeur public en auto-assurance', false, [
        { insertAfter: 'S21.G00.11.005', lines: ["S21.G00.11.017,'02'"] },
        ...contract({ 29: '01' }),
      ]),
      example('Employeur public dans un signalement d’amorçage (rubrique interdite)', false, [
        declarationNature('08'),
        { insertAfter: 'S21.G00.11.005', lines: ["S21.G00.11.017,'02'"] },
      ]),
    ],
  }),
  requiredIffAllowed('S21.G00.40.030/CCH-11', is(management, '03', '04'), {
    examples: () => [
      example('Adhésion révocable sans date d’adhésion', true, contract({ 29: '03' })),
      example(
        'Date d’adhésion pour un employeur en auto-assurance',
        true,
        contract({ 29: '01', 30: '01012015' }),
      ),
      example('Adhésion irrévocable avec sa date', false, contract({ 29: '04', 30: '01012015' })),
    ],
  }),
  notAfterDeclaredMonth('S21.G00.40.030/SIG-12', {
    examples: () =>
      pair(
        'Date d’adhésion postérieure au mois déclaré',
        contract({ 29: '03', 30: '01022026' }),
        'Date d’adhésion au dernier jour du mois déclaré',
        contract({ 29: '03', 30: '31012026' }),
      ),
  }),
  forbiddenWhen('S21.G00.40.031/CCH-11', is(management, '01', '02', '04', '05'), {
    examples: () =>
      pair(
        'Date de dénonciation d’une adhésion irrévocable',
        contract({ 29: '04', 30: '01012015', 31: '31122025' }),
        'Date de dénonciation d’une adhésion révocable',
        contract({ 29: '03', 30: '01012015', 31: '31122025' }),
      ),
  }),
  notAfterFileDate('S21.G00.40.031/SIG-13', {
    examples: () => [
      example('Dénonciation datée après la constitution du fichier, en fin de contrat', true, [
        declarationNature('07'),
        ...contract({ 29: '03', 30: '01012015', 31: '06022026' }),
      ]),
      example('Dénonciation datée du jour de constitution du fichier', false, [
        declarationNature('07'),
        ...contract({ 29: '03', 30: '01012015', 31: '05022026' }),
      ]),
    ],
  }),
  forbiddenWhen('S21.G00.40.032/CCH-11', not(is(management, '02')), {
    examples: () =>
      pair(
        'Date d’effet de convention pour une adhésion',
        contract({ 29: '03', 30: '01012015', 32: '01012015' }),
        'Date d’effet de la convention de gestion',
        agreementOf('G1234', { 32: '01012015' }),
      ),
  }),
  requiredIffAllowed('S21.G00.40.033/CCH-11', is(management, '02'), {
    examples: () => [
      example('Convention de gestion sans numéro', true, contract({ 27: '123456', 29: '02' })),
      example(
        'Numéro de convention pour un employeur en auto-assurance',
        true,
        contract({ 29: '01', 33: 'G1234' }),
      ),
      example('Convention de gestion et son numéro', false, agreementOf('G1234')),
    ],
  }),
  {
    id: 'S21.G00.40.033/CCH-12',
    check(block, ctx) {
      const effect = dateKey(block.value(32));
      if (effect === null || effect >= before2010) return;
      const number = block.rubric(33);
      if (number === undefined) {
        if (agreementAllowed(block, ctx)) ctx.fail(block);
      } else if (!oldAgreementNumber.test(number.value)) {
        ctx.fail(number);
      }
    },
    examples: () => [
      example('Convention de 2008 numérotée G1234', true, agreementOf('G1234', { 32: '01012008' })),
      example('Convention de 2008 numérotée C123', false, agreementOf('C123', { 32: '01012008' })),
      example('Convention de 2012 numérotée G1234', false, agreementOf('G1234', { 32: '01012012' })),
    ],
  },
];
