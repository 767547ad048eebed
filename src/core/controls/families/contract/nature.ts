import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { blockAllowed } from '../../lib/usages.ts';
import {
  forbiddenWhen,
  is,
  nature,
  not,
  ref,
  valueRule,
  valuesForbiddenWhen,
  valuesOnlyWhen,
} from '../../lib/rules.ts';
import { dateKey, earliestDayKey } from '../../../values/calendar.ts';
import {
  child,
  contract,
  declarationNature,
  example,
  lines,
  pair,
  remuneration,
  secondContract,
} from './examples.ts';
import {
  and,
  dateOf,
  effectiveEnd,
  longerThanMonths,
  or,
  required,
  requiredIffAllowed,
  type Extra,
} from './shared.ts';
import { notAfter, notBefore } from '../../lib/periods.ts';

/** Nature of the contract, public policy schemes, dates, number and recourse (S21.G00.40). */

const contractNature = ref('S21.G00.40.007');
const scheme = ref('S21.G00.40.008');
const dpaeNatures = new Set(['01', '02', '09', '10']);

/** "Le dispositif X n'est autorisé que pour une nature du contrat parmi …". */
const schemeOnlyFor = (id: string, schemes: string[], natures: string[], extra: Extra): Control =>
  valuesOnlyWhen(id, schemes, is(contractNature, ...natures), extra);

/** A contract ended (S21.G00.62) on `date` for `reason`. */
const ended = (date: string, reason = '059') => [child(...lines('S21.G00.62', { 1: date, 2: reason }))];

const zerosOnly = /^0+$/;

export const natureControls: Control[] = [
  notAfter('S21.G00.40.001/CCH-13', effectiveEnd, {
    examples: () => [
      example('Contrat terminé avant son début', true, ended('28022020')),
      example('Contrat terminé le jour de son début', false, ended('01032020')),
      example('Fin de contrat annulée (099) antérieure au début', false, ended('28022020', '099')),
    ],
  }),
  {
    id: 'S21.G00.40.001/CCH-15',
    check(block, ctx) {
      const start = block.rubric(1);
      const birth = earliestDayKey(block.parent?.value(6));
      const date = dateKey(start?.value);
      if (start !== undefined && date !== null && birth !== null && date <= birth) ctx.fail(start);
    },
    examples: () => [
      example('Contrat commencé avant la naissance', true, contract({ 1: '01031980' })),
      example('Contrat commencé le jour de la naissance', true, contract({ 1: '14071985' })),
      example('Contrat commencé après la naissance', false, contract({ 1: '15072001' })),
      example('Jour de naissance inconnu (99) et contrat du même mois', false, [
        { set: 'S21.G00.30.006', value: '99071985' },
        ...contract({ 1: '20071985' }),
      ]),
    ],
  },
  notAfterDeclaredMonth('S21.G00.40.001/SIG-14', {
    examples: () => [
      example('Contrat commençant après le mois déclaré', true, contract({ 1: '01022026' })),
      example('Contrat commençant le dernier jour du mois déclaré', false, contract({ 1: '31012026' })),
      example('Contrat futur dans un signalement de fin de contrat', false, [
        declarationNature('07'),
        ...contract({ 1: '01022026' }),
      ]),
    ],
  }),
  valueRule('S21.G00.40.007/CCH-11', (v, _, ctx) => ctx.nature === '10' && !dpaeNatures.has(v), {
    examples: () => [
      example('DPAE d’un contrat de mission', true, [declarationNature('10'), ...contract({ 7: '03' })]),
      example('DPAE d’un CDD de droit public', false, [
        declarationNature('10'),
        ...contract({ 7: '10', 10: '31082026' }),
      ]),
      example('DSN mensuelle d’un contrat de mission', false, contract({ 7: '03' })),
    ],
  }),
  schemeOnlyFor('S21.G00.40.008/CCH-11', ['81'], ['02', '92'], {
    examples: () =>
      pair(
        'Apprentissage du secteur public en CDI',
        contract({ 8: '81' }),
        'Apprentissage du secteur public en CDD',
        contract({ 7: '02', 8: '81', 10: '31082027' }),
      ),
  }),
  schemeOnlyFor('S21.G00.40.008/CCH-12', ['70'], ['02', '92'], {
    examples: () =>
      pair(
        'CDD sénior déclaré en CDI',
        contract({ 8: '70' }),
        'CDD sénior en CDD',
        contract({ 7: '02', 8: '70', 10: '31082027' }),
      ),
  }),
  schemeOnlyFor('S21.G00.40.008/CCH-13', ['80'], ['01', '82', '91'], {
    examples: () =>
      pair(
        'Contrat de génération en CDD',
        contract({ 7: '02', 8: '80', 10: '31082027' }),
        'Contrat de génération en CDI',
        contract({ 8: '80' }),
      ),
  }),
  schemeOnlyFor('S21.G00.40.008/CCH-14', ['64', '65'], ['01', '02', '03', '08', '91', '92'], {
    examples: () =>
      pair(
        'Apprentissage en CDD de droit public',
        contract({ 7: '10', 8: '64', 10: '31082027' }),
        'Apprentissage en CDI',
        contract({ 8: '65' }),
      ),
  }),
  {
    ...schemeOnlyFor('S21.G00.40.008/CCH-15', ['21', '41', '42', '61'], ['01', '02', '82', '91', '92'], {}),
    versions: ['P24V01'],
    examples: () =>
      pair(
        'Contrat de professionnalisation en mission (admis depuis P25V01)',
        contract({ 7: '03', 8: '61', 10: '31082026' }),
        'Contrat de professionnalisation en CDI',
        contract({ 8: '61' }),
      ),
  },
  {
    ...schemeOnlyFor(
      'S21.G00.40.008/CCH-15',
      ['21', '41', '42', '61'],
      ['01', '02', '03', '08', '82', '91', '92'],
      {},
    ),
    versions: ['P25V01', 'P26V01', 'P27V01'],
    examples: () =>
      pair(
        'Contrat initiative emploi en CDD de droit public',
        contract({ 7: '10', 8: '21', 10: '31082027' }),
        'Contrat de professionnalisation en mission',
        contract({ 7: '03', 8: '61', 10: '31082026' }),
      ),
  },
  schemeOnlyFor('S21.G00.40.008/CCH-16', ['71'], ['02', '03', '92'], {
    examples: () =>
      pair(
        'CDD d’insertion déclaré en CDI',
        contract({ 8: '71' }),
        'CDD d’insertion en CDD',
        contract({ 7: '02', 8: '71', 10: '31082027' }),
      ),
  }),
  valuesForbiddenWhen('S21.G00.40.008/CCH-17', ['66', '92', '93', '99'], nature('10'), {
    examples: () => [
      example('DPAE « non concerné » par un dispositif (99)', true, [declarationNature('10')]),
      example('DPAE d’un contrat de professionnalisation', false, [
        declarationNature('10'),
        ...contract({ 8: '61' }),
      ]),
      example('DSN mensuelle « non concerné » (99)', false, []),
    ],
  }),
  schemeOnlyFor('S21.G00.40.008/CCH-18', ['83'], ['01'], {
    examples: () =>
      pair(
        'Contrat de valorisation de l’expérience en CDD',
        contract({ 7: '02', 8: '83', 10: '31082027' }),
        'Contrat de valorisation de l’expérience en CDI',
        contract({ 8: '83' }),
      ),
  }),
  {
    id: 'S21.G00.40.009/CCH-12',
    check(block, ctx) {
      const number = block.rubric(9);
      const siblings = block.parent?.children;
      if (number === undefined || siblings === undefined) return;
      for (let i = 0; i < siblings.length; i++) {
        const other = siblings[i]!;
        if (other === block) return;
        if (other.id === 'S21.G00.40' && other.value(9) === number.value) {
          ctx.fail(number);
          return;
        }
      }
    },
    examples: () =>
      pair(
        'Deux contrats numérotés 00001',
        [secondContract({ 9: '00001' })],
        'Deux contrats numérotés 00001 et 00002',
        [secondContract({}), remuneration({ 10: '00002' })],
      ),
  },
  {
    id: 'S21.G00.40.009/CCH-13',
    check(block, ctx) {
      const number = block.rubric(9);
      const individual = block.parent;
      if (number === undefined || individual === null || !blockAllowed(ctx, 'S21.G00.51')) return;
      const payments = individual.children;
      for (let i = 0; i < payments.length; i++) {
        const payment = payments[i]!;
        if (payment.id !== 'S21.G00.50') continue;
        const pay = payment.children;
        for (let j = 0; j < pay.length; j++) {
          if (pay[j]!.id === 'S21.G00.51' && pay[j]!.value(10) === number.value) return;
        }
      }
      ctx.fail(number);
    },
    examples: () => [
      example('Second contrat sans rémunération', true, [secondContract({})]),
      example('Second contrat avec sa rémunération', false, [
        secondContract({}),
        remuneration({ 10: '00002' }),
      ]),
      example('Contrat sans rémunération dans un signalement d’arrêt de travail', false, [
        declarationNature('04'),
        { set: 'S21.G00.51.010', value: '00009' },
      ]),
    ],
  },
  valueRule('S21.G00.40.009/CCH-15', (v, b) => b.value(7) === '03' && zerosOnly.test(v), {
    requires: [{ rubric: 7, values: ['03'] }],
    examples: () =>
      pair(
        'Contrat de mission numéroté 00000',
        contract({ 7: '03', 9: '00000' }),
        'Contrat de mission numéroté 00001',
        contract({ 7: '03' }),
      ),
  }),
  notBefore('S21.G00.40.010/CCH-11', (b) => dateOf(b, 1), {
    examples: () =>
      pair(
        'Fin prévisionnelle avant le début du contrat',
        contract({ 7: '02', 10: '28022020' }),
        'Fin prévisionnelle le jour du début',
        contract({ 7: '02', 10: '01032020' }),
      ),
  }),
  required('S21.G00.40.010/CCH-12', is(contractNature, '02', '03', '10', '29', '70', '92'), {
    examples: () =>
      pair(
        'CDD sans fin prévisionnelle',
        contract({ 7: '02' }),
        'Stage avec une fin prévisionnelle',
        contract({ 7: '29', 10: '30062026' }),
      ),
  }),
  valuesOnlyWhen(
    'S21.G00.40.021/CCH-12',
    ['11'],
    or(is(contractNature, '03'), is(scheme, '64', '65', '81')),
    {
      examples: () =>
        pair(
          'Motif de recours 11 pour un CDD sans apprentissage',
          contract({ 7: '02', 10: '31082027', 21: '11' }),
          'Motif de recours 11 pour un apprenti du secteur public',
          contract({ 7: '02', 8: '81', 10: '31082027', 21: '11' }),
        ),
    },
  ),
  valuesOnlyWhen('S21.G00.40.021/CCH-13', ['14'], is(contractNature, '92'), {
    examples: () =>
      pair(
        'Contrat de voyage en CDD de droit privé',
        contract({ 7: '02', 10: '31082027', 21: '14' }),
        'Contrat de voyage en engagement maritime à durée déterminée',
        contract({ 7: '92', 10: '31082027', 21: '14' }),
      ),
  }),
  required('S21.G00.40.021/SIG-11', and(is(contractNature, '02', '03', '92'), is(scheme, '99')), {
    examples: () =>
      pair(
        'CDD hors dispositif sans motif de recours',
        contract({ 7: '02', 10: '31082027' }),
        'CDD d’apprentissage sans motif de recours',
        contract({ 7: '02', 8: '64', 10: '31082027' }),
      ),
  }),
  forbiddenWhen('S21.G00.40.050/CCH-11', not(is(contractNature, '02', '10')), {
    examples: () =>
      pair(
        'Numéro objet spectacle sur un CDI',
        contract({ 50: '123456789012' }),
        'Numéro objet spectacle sur un CDD',
        contract({ 7: '02', 10: '31082026', 50: '123456789012' }),
      ),
  }),
  requiredIffAllowed('S21.G00.40.066/CCH-11', is(contractNature, '20', '21'), {
    examples: () => [
      example('Détachement (20) sans type de détachement', true, contract({ 7: '20' })),
      example('Type de détachement sur un CDI', true, contract({ 66: '05' })),
      example('Détachement (21) avec son type', false, contract({ 7: '21', 66: '11' })),
    ],
  }),
  requiredIffAllowed('S21.G00.40.076/CCH-11', is(contractNature, '93'), {
    examples: () => [
      example(
        'Ligne de service sans identifiant de contrat d’engagement maritime',
        true,
        contract({ 7: '93' }),
      ),
      example('Identifiant de contrat d’engagement maritime sur un CDI', true, contract({ 76: 'CEM00001' })),
      example('Ligne de service avec son identifiant', false, contract({ 7: '93', 76: 'CEM00001' })),
    ],
  }),
  required('S21.G00.40.082/CCH-11', and(nature('10'), is(contractNature, '01', '09')), {
    examples: () => [
      example('DPAE d’un CDI sans période d’essai', true, [declarationNature('10')]),
      example('DPAE d’un CDI avec sa période d’essai', false, [
        declarationNature('10'),
        ...contract({ 82: '60' }),
      ]),
      example('DSN mensuelle d’un CDI sans période d’essai', false, []),
    ],
  }),
  required(
    'S21.G00.40.082/CCH-12',
    (b) => {
      const n = b.value(7);
      if (n !== '02' && n !== '10') return false;
      const start = dateOf(b, 1);
      const end = dateOf(b, 10);
      return start !== null && end !== null && longerThanMonths(start, end, 6);
    },
    {
      examples: () => [
        example('DPAE d’un CDD de sept mois sans période d’essai', true, [
          declarationNature('10'),
          ...contract({ 1: '01032026', 7: '02', 10: '30092026' }),
        ]),
        example('DPAE d’un CDD de six mois sans période d’essai', false, [
          declarationNature('10'),
          ...contract({ 1: '01032026', 7: '02', 10: '31082026' }),
        ]),
        example('DPAE d’un CDD de sept mois avec sa période d’essai', false, [
          declarationNature('10'),
          ...contract({ 1: '01032026', 7: '02', 10: '30092026', 82: '30' }),
        ]),
      ],
    },
  ),
];
