import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth, notAfterFileDate } from '../../lib/dating.ts';
import { is, nature, not, ref, valuesForbiddenWhen } from '../../lib/rules.ts';
import { blockAllowed } from '../../lib/usages.ts';
import { child, contract, declarationNature, example, lines, pair } from '../contract/examples.ts';
import {
  contractOf,
  contractStart,
  dateOf,
  effectiveEnd,
  required,
  requiredIffAllowed,
} from '../contract/shared.ts';
import { notAfter, notBefore } from '../../lib/periods.ts';

/** Arrêts de travail (S21.G00.60) and temps partiel thérapeutique (S21.G00.66). */

const subrogation = is(ref('S21.G00.60.004'), '01');
const therapeutic = ['15', '16', '17', '18'];
const monthlyOrEnd = nature('01', '07');
const cancelledOrTherapeutic = new Set(['99', ...therapeutic]);

/** A stoppage of the minimal declaration's contract: sick leave from 10 to 20 January 2026. */
const stoppage = (values: Record<number, string> = {}, ...children: string[]) => [
  child(...lines('S21.G00.60', { 1: '01', 2: '09012026', 3: '20012026', ...values }), ...children),
];
const subrogated = { 4: '01', 5: '10012026', 6: '20012026', 7: 'FR7630006000011234567890189', 8: 'BNPAFRPP' };
/** The subrogation of `subrogated` without rubric `n`. */
const subrogatedWithout = (n: 5 | 6 | 7 | 8) => {
  const values: Record<number, string> = { ...subrogated };
  delete values[n];
  return stoppage(values);
};
const therapeuticPeriod = lines('S21.G00.66', { 1: '10012026', 2: '31012026', 3: '350.00' });
const inReport = (code: string, values: Record<number, string> = {}) => [
  declarationNature(code),
  ...stoppage(values),
];

export const stoppageControls: Control[] = [
  valuesForbiddenWhen('S21.G00.60.001/CCH-12', ['99'], not(monthlyOrEnd), {
    examples: () =>
      pair(
        'Annulation d’arrêt dans un signalement d’arrêt de travail',
        inReport('04', { 1: '99' }),
        'Annulation d’arrêt dans une DSN mensuelle',
        stoppage({ 1: '99' }),
      ),
  }),
  valuesForbiddenWhen('S21.G00.60.001/CCH-14', therapeutic, not(monthlyOrEnd), {
    examples: () =>
      pair(
        'Temps partiel thérapeutique dans un signalement d’arrêt de travail',
        inReport('04', { 1: '15' }),
        'Temps partiel thérapeutique dans un signalement de fin de contrat',
        [declarationNature('07'), ...stoppage({ 1: '16' })],
      ),
  }),
  {
    id: 'S21.G00.60.001/SIG-13',
    check(block, ctx) {
      const reason = block.rubric(1);
      if (reason === undefined || !therapeutic.includes(reason.value)) return;
      if (block.first('S21.G00.66') === undefined && blockAllowed(ctx, 'S21.G00.66')) ctx.fail(reason);
    },
    examples: () => [
      example('Temps partiel thérapeutique sans sa période', true, stoppage({ 1: '15' })),
      example(
        'Temps partiel thérapeutique avec sa période',
        false,
        stoppage({ 1: '15' }, ...therapeuticPeriod),
      ),
      example('Temps partiel thérapeutique en fin de contrat (bloc non prévu)', false, [
        declarationNature('07'),
        ...stoppage({ 1: '17' }),
      ]),
    ],
  },
  notAfter('S21.G00.60.002/CCH-12', (b) => dateOf(b, 3), {
    examples: () =>
      pair(
        'Dernier jour travaillé après la fin prévisionnelle',
        stoppage({ 2: '21012026' }),
        'Dernier jour travaillé la veille de la fin prévisionnelle',
        stoppage({ 2: '19012026' }),
      ),
  }),
  notBefore('S21.G00.60.002/CCH-13', contractStart, {
    when: (b, ctx) =>
      monthlyOrEnd(b, ctx) &&
      !cancelledOrTherapeutic.has(b.value(1) ?? '') &&
      b.value(11) !== '02' &&
      contractOf(b)?.value(7) !== '50',
    examples: () => [
      example(
        'Arrêt dont le dernier jour travaillé précède le contrat',
        true,
        stoppage({ 2: '28022020', 3: '10032020' }),
      ),
      example(
        'Temps partiel thérapeutique commencé sous un contrat antérieur',
        false,
        stoppage({ 1: '15', 2: '28022020', 3: '10032020' }),
      ),
      example('Fonctionnaire dont le dernier jour travaillé précède la nomination', false, [
        ...contract({ 7: '50' }),
        ...stoppage({ 2: '28022020', 3: '10032020' }),
      ]),
    ],
  }),
  {
    ...notAfterDeclaredMonth('S21.G00.60.002/CCH-16'),
    examples: () =>
      pair(
        'Dernier jour travaillé après le mois déclaré',
        stoppage({ 2: '01022026', 3: '10022026' }),
        'Dernier jour travaillé le dernier jour du mois déclaré',
        stoppage({ 2: '31012026', 3: '10022026' }),
      ),
  },
  notAfter('S21.G00.60.002/CCH-17', (b) => effectiveEnd(contractOf(b)), {
    when: (b) => b.value(1) !== '99',
    examples: () => [
      example('Dernier jour travaillé après la fin du contrat', true, [
        ...stoppage(),
        child(...lines('S21.G00.62', { 1: '08012026', 2: '059' })),
      ]),
      example('Dernier jour travaillé le jour de la fin du contrat', false, [
        ...stoppage(),
        child(...lines('S21.G00.62', { 1: '09012026', 2: '059' })),
      ]),
      example('Dernier jour travaillé après une fin de contrat annulée', false, [
        ...stoppage(),
        child(...lines('S21.G00.62', { 1: '08012026', 2: '099' })),
      ]),
    ],
  }),
  notBefore('S21.G00.60.002/CCH-18', contractStart, {
    when: not(monthlyOrEnd),
    examples: () =>
      pair(
        'Signalement d’arrêt dont le dernier jour travaillé précède le contrat',
        inReport('04', { 2: '28022020', 3: '10032020' }),
        'Signalement d’arrêt dont le dernier jour travaillé suit le début du contrat',
        inReport('04', { 2: '01032020', 3: '10032020' }),
      ),
  }),
  notAfterFileDate('S21.G00.60.002/SIG-14', {
    examples: () =>
      pair(
        'Signalement d’arrêt dont le dernier jour travaillé suit la constitution du fichier',
        inReport('04', { 2: '06022026', 3: '20022026' }),
        'Signalement d’arrêt dont le dernier jour travaillé est le jour du fichier',
        inReport('04', { 2: '05022026', 3: '20022026' }),
      ),
  }),
  requiredIffAllowed('S21.G00.60.005/CCH-11', subrogation, {
    examples: () => [
      example('Subrogation sans date de début', true, subrogatedWithout(5)),
      example('Date de début de subrogation sans subrogation', true, stoppage({ 4: '02', 5: '10012026' })),
      example('Subrogation avec ses dates', false, stoppage(subrogated)),
    ],
  }),
  notAfterFileDate('S21.G00.60.005/SIG-12', {
    examples: () =>
      pair(
        'Subrogation commençant après la constitution du fichier',
        inReport('04', { ...subrogated, 5: '06022026', 6: '28022026' }),
        'Subrogation commençant avant la constitution du fichier',
        inReport('04', subrogated),
      ),
  }),
  requiredIffAllowed('S21.G00.60.006/CCH-11', subrogation, {
    examples: () => [
      example('Subrogation sans date de fin', true, subrogatedWithout(6)),
      example('Date de fin de subrogation sans subrogation', true, stoppage({ 4: '02', 6: '20012026' })),
      example('Subrogation avec ses dates', false, stoppage(subrogated)),
    ],
  }),
  notBefore('S21.G00.60.006/CCH-12', (b) => dateOf(b, 5), {
    examples: () =>
      pair(
        'Fin de subrogation avant son début',
        stoppage({ ...subrogated, 6: '09012026' }),
        'Subrogation d’un jour',
        stoppage({ ...subrogated, 6: '10012026' }),
      ),
  }),
  required('S21.G00.60.007/CCH-11', subrogation, {
    examples: () =>
      pair('Subrogation sans IBAN', subrogatedWithout(7), 'Subrogation avec son IBAN', stoppage(subrogated)),
  }),
  required('S21.G00.60.008/CCH-11', subrogation, {
    examples: () =>
      pair('Subrogation sans BIC', subrogatedWithout(8), 'Subrogation avec son BIC', stoppage(subrogated)),
  }),
  notBefore(
    'S21.G00.60.010/CCH-11',
    (b) => {
      const start = contractStart(b);
      const lastDay = dateOf(b, 2);
      return start === null || lastDay === null ? (start ?? lastDay) : Math.max(start, lastDay);
    },
    {
      examples: () => [
        example('Reprise avant le dernier jour travaillé', true, stoppage({ 10: '08012026', 11: '01' })),
        example(
          'Reprise avant le début du contrat',
          true,
          stoppage({ 2: '01012020', 3: '10012020', 10: '28022020', 11: '01' }),
        ),
        example(
          'Reprise le lendemain de la fin prévisionnelle',
          false,
          stoppage({ 10: '21012026', 11: '01' }),
        ),
      ],
    },
  ),
  notAfterDeclaredMonth('S21.G00.60.010/SIG-12', {
    examples: () =>
      pair(
        'Reprise après le mois déclaré',
        stoppage({ 10: '02022026', 11: '01' }),
        'Reprise dans le mois déclaré',
        stoppage({ 10: '21012026', 11: '01' }),
      ),
  }),
  notAfterFileDate('S21.G00.60.010/SIG-13', {
    examples: () =>
      pair(
        'Signalement de reprise après la constitution du fichier',
        inReport('05', { 10: '06022026', 11: '01' }),
        'Signalement de reprise avant la constitution du fichier',
        inReport('05', { 10: '21012026', 11: '01' }),
      ),
  }),
  valuesForbiddenWhen('S21.G00.60.011/CCH-12', ['02'], not(monthlyOrEnd), {
    examples: () =>
      pair(
        'Reprise à temps partiel thérapeutique dans un signalement de reprise',
        inReport('05', { 10: '21012026', 11: '02' }),
        'Reprise à temps partiel thérapeutique dans une DSN mensuelle',
        stoppage({ 10: '21012026', 11: '02' }),
      ),
  }),
  requiredIffAllowed('S21.G00.60.012/CCH-11', is(ref('S21.G00.60.001'), '04', '05', '06'), {
    examples: () => [
      example('Signalement d’accident du travail sans date de l’accident', true, inReport('04', { 1: '06' })),
      example('Date d’accident pour une maladie', true, inReport('04', { 12: '08012026' })),
      example(
        'Signalement d’accident du travail avec sa date',
        false,
        inReport('04', { 1: '06', 12: '09012026' }),
      ),
      example('Accident du travail dans une DSN mensuelle (date interdite)', false, stoppage({ 1: '06' })),
    ],
  }),
  notAfterFileDate('S21.G00.60.012/SIG-13', {
    examples: () =>
      pair(
        'Accident daté après la constitution du fichier',
        inReport('04', { 1: '06', 2: '05022026', 3: '20022026', 12: '06022026' }),
        'Accident daté du dernier jour travaillé',
        inReport('04', { 1: '06', 12: '09012026' }),
      ),
  }),
  notBefore('S21.G00.60.012/SIG-14', contractStart, {
    examples: () =>
      pair(
        'Accident antérieur au contrat',
        inReport('04', { 1: '05', 12: '01012020' }),
        'Accident le jour du début du contrat',
        inReport('04', { 1: '06', 12: '01032020' }),
      ),
  }),
  notBefore('S21.G00.66.002/SIG-11', (b) => dateOf(b, 1), {
    examples: () =>
      pair(
        'Temps partiel thérapeutique finissant avant de commencer',
        stoppage({ 1: '15' }, ...lines('S21.G00.66', { 1: '10012026', 2: '09012026', 3: '350.00' })),
        'Temps partiel thérapeutique d’un jour',
        stoppage({ 1: '15' }, ...lines('S21.G00.66', { 1: '10012026', 2: '10012026', 3: '350.00' })),
      ),
  }),
];
