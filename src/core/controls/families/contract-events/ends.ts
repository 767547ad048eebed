import type { ControlExample } from '../../../examples/example.ts';
import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import {
  forbiddenWhen,
  is,
  isOther,
  nature,
  not,
  present,
  ref,
  valuesForbiddenWhen,
  valuesOnlyWhen,
} from '../../lib/rules.ts';
import { contract, declarationNature, example, lines, pair } from '../contract/examples.ts';
import { and, contractStart, dateOf, required, requiredIffAllowed } from '../contract/shared.ts';
import { endReasonControl, ending } from './end-reasons.ts';
import { notAfter, notBefore } from '../../lib/periods.ts';

/** Fin du contrat (S21.G00.62). */

const reason = ref('S21.G00.62.002');
const contractNature = ref('S21.G00.40.007');
const recourse = ref('S21.G00.40.021');
const notCancelled = isOther(reason, '099');

/** The same in a signalement de fin de contrat de travail unique (nature 07). */
const endReport = (values: Record<number, string> = {}, ...children: string[]) => [
  declarationNature('07'),
  ...ending(values, ...children),
];

const noticeReasonsP24 = [
  '011',
  '012',
  '014',
  '015',
  '020',
  '025',
  '034',
  '035',
  '036',
  '037',
  '058',
  '059',
  '082',
  '083',
  '087',
  '088',
  '089',
  '095',
  '096',
  '097',
  '111',
  '112',
  '113',
  '115',
];
const procedureReasonsP24 = [
  '011',
  '012',
  '014',
  '015',
  '020',
  '026',
  '086',
  '087',
  '088',
  '089',
  '091',
  '092',
  '093',
  '111',
  '112',
  '113',
  '114',
  '115',
];

/** "La rubrique est obligatoire si le motif est …": P25V01 added 117 to both lists. */
const requiredForReasons = (
  id: string,
  p24: readonly string[],
  examplesP24: ControlExample[],
  examples: ControlExample[],
): Control[] => [
  { ...required(id, is(reason, ...p24)), versions: ['P24V01'], examples: () => examplesP24 },
  {
    ...required(id, is(reason, ...p24, '117')),
    versions: ['P25V01', 'P26V01', 'P27V01'],
    examples: () => examples,
  },
];

/** Notice types "non effectué": the last day worked and paid comes before the notice. */
const unworkedNotice = new Set(['02', '03', '10', '50', '51', '61']);

const notice = (type: string, start: string, end: string) =>
  lines('S21.G00.63', { 1: type, 2: start, 3: end });

/** Natures that cannot refuse a permanent contract after a fixed-term one (S21.G00.62.021). */
const noRefusal = [
  '01',
  '07',
  '08',
  '09',
  '10',
  '20',
  '21',
  '29',
  '32',
  '50',
  '51',
  '52',
  '53',
  '54',
  '60',
  '70',
  '80',
  '81',
  '82',
  '89',
  '90',
  '91',
  '92',
  '93',
];

export const endControls: Control[] = [
  notBefore('S21.G00.62.001/CCH-11', (b) => dateOf(b, 4), {
    strict: true,
    examples: () =>
      pair(
        'Convention de rupture signée le jour de la fin du contrat',
        endReport({ 2: '043', 4: '31012026' }),
        'Convention de rupture signée avant la fin du contrat',
        endReport({ 2: '043', 4: '05122025' }),
      ),
  }),
  notAfterDeclaredMonth('S21.G00.62.001/SIG-13', {
    examples: () =>
      pair(
        'Fin de contrat après le mois déclaré',
        ending({ 1: '01022026' }),
        'Fin de contrat au dernier jour du mois déclaré',
        ending(),
      ),
  }),
  endReasonControl,
  valuesForbiddenWhen('S21.G00.62.002/CCH-12', ['100', '116', '998', '999'], nature('07'), {
    examples: () =>
      pair(
        'Signalement de fin de contrat pour un transfert sans rupture (998)',
        endReport({ 2: '998' }),
        'DSN mensuelle avec un transfert sans rupture (998)',
        ending({ 2: '998' }),
      ),
  }),
  valuesForbiddenWhen('S21.G00.62.002/CCH-13', ['099'], not(nature('01')), {
    examples: () =>
      pair(
        'Annulation de fin de contrat dans un signalement',
        endReport({ 2: '099' }),
        'Annulation de fin de contrat dans une DSN mensuelle',
        ending({ 2: '099' }),
      ),
  }),
  valuesForbiddenWhen('S21.G00.62.002/CCH-14', ['116'], isOther(ref('S21.G00.40.020'), '136'), {
    examples: () =>
      pair(
        'Fin de ligne de service au régime général',
        ending({ 2: '116' }),
        'Fin de ligne de service d’un marin (ENIM)',
        [...contract({ 20: '136' }), ...ending({ 2: '116' })],
      ),
  }),
  {
    id: 'S21.G00.62.003/CCH-11',
    check(block, ctx) {
      const rubric = block.rubric(3);
      const date = dateOf(block, 3);
      if (rubric === undefined || date === null) return;
      const start = contractStart(block);
      const end = dateOf(block, 1);
      if ((start !== null && date < start) || (end !== null && date > end)) ctx.fail(rubric);
    },
    examples: () => [
      example(
        'Rupture notifiée avant le début du contrat',
        true,
        endReport({ 2: '020', 3: '01012020', 5: '01012020' }),
      ),
      example(
        'Rupture notifiée après la fin du contrat',
        true,
        endReport({ 2: '020', 3: '02022026', 5: '05012026' }),
      ),
      example(
        'Rupture notifiée pendant le contrat',
        false,
        endReport({ 2: '020', 3: '10012026', 5: '05012026' }),
      ),
    ],
  },
  ...requiredForReasons(
    'S21.G00.62.003/CCH-12',
    noticeReasonsP24,
    pair(
      'Démission sans date de notification',
      endReport(),
      'Licenciement économique (117) sans date de notification (exigée depuis P25V01)',
      endReport({ 2: '117', 5: '05012026' }),
    ),
    pair(
      'Licenciement économique (117) sans date de notification',
      endReport({ 2: '117', 5: '05012026' }),
      'Démission avec sa date de notification',
      endReport({ 3: '10012026' }),
    ),
  ),
  required('S21.G00.62.004/CCH-11', is(reason, '043', '110', '111'), {
    examples: () =>
      pair(
        'Rupture conventionnelle sans date de signature',
        endReport({ 2: '043' }),
        'Rupture conventionnelle avec sa date de signature',
        endReport({ 2: '043', 4: '05122025' }),
      ),
  }),
  notAfter('S21.G00.62.005/CCH-11', (b) => dateOf(b, 1), {
    examples: () =>
      pair(
        'Procédure de licenciement engagée après la fin du contrat',
        endReport({ 2: '020', 3: '10012026', 5: '01022026' }),
        'Procédure de licenciement engagée le jour de la fin du contrat',
        endReport({ 2: '020', 3: '10012026', 5: '31012026' }),
      ),
  }),
  ...requiredForReasons(
    'S21.G00.62.005/CCH-12',
    procedureReasonsP24,
    pair(
      'Licenciement pour faute grave sans date d’engagement de la procédure',
      endReport({ 2: '087', 3: '10012026' }),
      'Licenciement (117) sans date d’engagement (exigée depuis P25V01)',
      endReport({ 2: '117', 3: '10012026' }),
    ),
    pair(
      'Licenciement (117) sans date d’engagement de la procédure',
      endReport({ 2: '117', 3: '10012026' }),
      'Licenciement pour faute grave avec sa date d’engagement',
      endReport({ 2: '087', 3: '10012026', 5: '02012026' }),
    ),
  ),
  {
    id: 'S21.G00.62.006/CCH-12',
    check(block, ctx) {
      const rubric = block.rubric(6);
      const lastDay = dateOf(block, 6);
      if (rubric === undefined || lastDay === null) return;
      const notices = block.children;
      for (let i = 0; i < notices.length; i++) {
        const n = notices[i]!;
        if (n.id !== 'S21.G00.63' || !unworkedNotice.has(n.value(1) ?? '')) continue;
        const start = dateOf(n, 2);
        if (start !== null && lastDay >= start) {
          ctx.fail(rubric);
          return;
        }
      }
    },
    examples: () => [
      example(
        'Préavis non effectué commençant le dernier jour travaillé',
        true,
        endReport({ 2: '020', 6: '10012026' }, ...notice('02', '10012026', '31012026')),
      ),
      example(
        'Préavis non effectué commençant le lendemain du dernier jour travaillé',
        false,
        endReport({ 2: '020', 6: '09012026' }, ...notice('02', '10012026', '31012026')),
      ),
      example(
        'Préavis effectué (01) commençant avant le dernier jour travaillé',
        false,
        endReport({ 2: '020', 6: '31012026' }, ...notice('01', '10012026', '31012026')),
      ),
    ],
  },
  required('S21.G00.62.006/CCH-14', is(contractNature, '03'), {
    examples: () =>
      pair(
        'Fin de mission sans dernier jour travaillé',
        [...contract({ 7: '03', 10: '31012026' }), ...ending({ 2: '032' })],
        'Fin de mission avec son dernier jour travaillé',
        [...contract({ 7: '03', 10: '31012026' }), ...ending({ 2: '032', 6: '30012026' })],
      ),
  }),
  {
    id: 'S21.G00.62.006/CCH-15',
    check(block, ctx) {
      const rubric = block.rubric(6);
      const date = dateOf(block, 6);
      if (rubric === undefined || date === null) return;
      const start = contractStart(block);
      const end = block.value(2) === '099' ? null : dateOf(block, 1);
      if ((start !== null && date < start) || (end !== null && date > end)) ctx.fail(rubric);
    },
    examples: () => [
      example('Dernier jour travaillé avant le début du contrat', true, ending({ 6: '28022020' })),
      example('Dernier jour travaillé après la fin du contrat', true, ending({ 6: '01022026' })),
      example(
        'Dernier jour travaillé après une fin de contrat annulée',
        false,
        ending({ 2: '099', 6: '01022026' }),
      ),
      example('Dernier jour travaillé le jour de la fin du contrat', false, ending({ 6: '31012026' })),
    ],
  },
  required('S21.G00.62.006/CCH-16', and(notCancelled, is(recourse, '05')), {
    examples: () => [
      example('Fin d’un contrat d’usage sans dernier jour travaillé', true, [
        ...contract({ 7: '02', 10: '31012026', 21: '05' }),
        ...ending({ 2: '031' }),
      ]),
      example('Annulation de la fin d’un contrat d’usage', false, [
        ...contract({ 7: '02', 10: '31012026', 21: '05' }),
        ...ending({ 2: '099' }),
      ]),
      example('Fin d’un contrat d’usage avec son dernier jour travaillé', false, [
        ...contract({ 7: '02', 10: '31012026', 21: '05' }),
        ...ending({ 2: '031', 6: '31012026' }),
      ]),
    ],
  }),
  requiredIffAllowed('S21.G00.62.011/CCH-11', is(reason, '026'), {
    examples: () => [
      example(
        'Rupture CSP sans nombre de mois de préavis',
        true,
        endReport({ 2: '026', 3: '10012026', 5: '02012026' }),
      ),
      example('Nombre de mois de préavis CSP pour une démission', true, endReport({ 11: '2.00' })),
      example(
        'Rupture CSP avec son nombre de mois de préavis',
        false,
        endReport({ 2: '026', 3: '10012026', 5: '02012026', 11: '2.00' }),
      ),
    ],
  }),
  required('S21.G00.62.013/CCH-11', is(reason, '026', '114'), {
    examples: () =>
      pair(
        'Entrée en PAP sans indemnité de préavis',
        endReport({ 2: '114', 5: '02012026' }),
        'Entrée en PAP avec son indemnité de préavis',
        endReport({ 2: '114', 5: '02012026', 13: '3000.00' }),
      ),
  }),
  required(
    'S21.G00.62.017/CCH-11',
    and(is(contractNature, '02', '10'), is(recourse, '05'), present(ref('S21.G00.62.001')), notCancelled),
    {
      examples: () =>
        pair(
          'Fin de contrat d’usage sans modalité de déclaration',
          [...contract({ 7: '02', 10: '31012026', 21: '05' }), ...ending({ 2: '031', 6: '31012026' })],
          'Fin de contrat d’usage avec sa modalité de déclaration',
          [
            ...contract({ 7: '02', 10: '31012026', 21: '05' }),
            ...ending({ 2: '031', 6: '31012026', 17: '01' }),
          ],
        ),
    },
  ),
  valuesOnlyWhen(
    'S21.G00.62.017/CCH-12',
    ['01'],
    and(
      is(contractNature, '02', '10'),
      is(recourse, '05'),
      is(reason, '031', '099'),
      present(ref('S21.G00.62.006')),
    ),
    {
      examples: () => [
        example('Circuit dérogatoire pour un CDD qui n’est pas d’usage', true, [
          ...contract({ 7: '02', 10: '31012026', 21: '01' }),
          ...ending({ 2: '031', 6: '31012026', 17: '01' }),
        ]),
        example('Circuit dérogatoire sans dernier jour travaillé', true, [
          ...contract({ 7: '02', 10: '31012026', 21: '05' }),
          ...ending({ 2: '031', 17: '01' }),
        ]),
        example('Circuit dérogatoire pour la fin d’un contrat d’usage', false, [
          ...contract({ 7: '02', 10: '31012026', 21: '05' }),
          ...ending({ 2: '031', 6: '31012026', 17: '01' }),
        ]),
      ],
    },
  ),
  requiredIffAllowed('S21.G00.62.018/CCH-11', is(reason, '114'), {
    examples: () => [
      example(
        'Entrée en PAP sans nombre de mois de préavis',
        true,
        endReport({ 2: '114', 5: '02012026', 13: '3000.00' }),
      ),
      example('Nombre de mois de préavis PAP pour une démission', true, endReport({ 18: '2.00' })),
      example(
        'Entrée en PAP avec son nombre de mois de préavis',
        false,
        endReport({ 2: '114', 5: '02012026', 13: '3000.00', 18: '2.00' }),
      ),
    ],
  }),
  forbiddenWhen('S21.G00.62.019/CCH-12', isOther(ref('S21.G00.40.020'), '136'), {
    examples: () =>
      pair(
        'Solde de congés ENIM au régime général',
        ending({ 19: '12.50' }),
        'Solde de congés d’un marin (ENIM)',
        [...contract({ 20: '136' }), ...ending({ 19: '12.50' })],
      ),
  }),
  forbiddenWhen('S21.G00.62.021/CCH-11', is(contractNature, ...noRefusal), {
    examples: () =>
      pair(
        'Refus de CDI déclaré à la fin d’un CDI',
        ending({ 21: '01' }),
        'Refus de CDI déclaré à la fin d’un CDD',
        [...contract({ 7: '02', 10: '31012026' }), ...ending({ 2: '031', 21: '01' })],
      ),
  }),
];
