import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { is, ref } from '../../lib/rules.ts';
import { addDays } from '../../../values/day-numbers.ts';
import { child, declarationNature, example, lines, pair } from '../contract/examples.ts';
import {
  contractStart,
  dateOf,
  longerThanMonths,
  requiredIffAllowed,
  type Extra,
} from '../contract/shared.ts';
import { notBefore } from '../../lib/periods.ts';

/** Préavis de fin de contrat (S21.G00.63). */

const noticeType = ref('S21.G00.63.001');
/** Types whose notice has a start and an end date. */
const dated = ['01', '02', '03', '10', '50', '51', '60', '61'];

/** Reason the contract ended for (S21.G00.62.002 of the parent). */
const endReason = (notice: Block) => notice.parent?.value(2);

/** True when the notice's period is known and lasts more than three months. */
function overThreeMonths(notice: Block): boolean | null {
  const start = dateOf(notice, 2);
  const end = dateOf(notice, 3);
  return start === null || end === null ? null : longerThanMonths(start, end, 3);
}

/** "Si le motif de rupture est parmi `reasons`, seules les valeurs `types` sont autorisées". */
function typesForReasons(
  id: string,
  reasons: readonly string[],
  types: readonly string[],
  extra: Extra,
): Control {
  return {
    id,
    ...extra,
    check(block, ctx) {
      const type = block.rubric(1);
      const reason = endReason(block);
      if (
        type !== undefined &&
        reason !== undefined &&
        reasons.includes(reason) &&
        !types.includes(type.value)
      )
        ctx.fail(type);
    },
  };
}

/** A signalement de fin de contrat (07) ending for `reason` with the notices given. */
const ended = (reason: string, ...notices: Record<number, string>[]) => [
  declarationNature('07'),
  child(
    ...lines('S21.G00.62', { 1: '31032026', 2: reason, 3: '05012026', 5: '02012026' }),
    ...notices.flatMap((n) => lines('S21.G00.63', n)),
  ),
];
const period = (type: string, start: string, end: string) => ({ 1: type, 2: start, 3: end });

export const noticeControls: Control[] = [
  typesForReasons('S21.G00.63.001/CCH-11', ['034', '035'], ['60', '90'], {
    examples: () =>
      pair(
        'Fin de période d’essai avec un préavis effectué',
        ended('034', period('01', '06012026', '20012026')),
        'Fin de période d’essai avec un délai de prévenance',
        ended('035', period('60', '06012026', '08012026')),
      ),
  }),
  typesForReasons('S21.G00.63.001/CCH-12', ['043', '110'], ['90'], {
    examples: () =>
      pair(
        'Rupture conventionnelle avec un préavis effectué',
        ended('043', period('01', '06012026', '31032026')),
        'Rupture conventionnelle sans clause de préavis',
        ended('043', { 1: '90' }),
      ),
  }),
  {
    id: 'S21.G00.63.001/CCH-13',
    versions: ['P24V01'],
    check(block, ctx) {
      const type = block.rubric(1);
      if (type === undefined || type.value === '10' || endReason(block) !== '026') return;
      if (overThreeMonths(block) !== true) ctx.fail(type);
    },
    examples: () => [
      example(
        'Rupture CSP sans clause de préavis (90, admis depuis P25V01)',
        true,
        ended('026', { 1: '90' }),
      ),
      example(
        'Rupture CSP avec un préavis CSP non effectué',
        false,
        ended('026', period('10', '06012026', '05032026')),
      ),
      example(
        'Rupture CSP avec un préavis payé de plus de trois mois',
        false,
        ended('026', period('02', '06012026', '30042026')),
      ),
    ],
  },
  {
    ...typesForReasons('S21.G00.63.001/CCH-13', ['026'], ['10', '90'], {}),
    versions: ['P25V01', 'P26V01', 'P27V01'],
    examples: () => [
      example(
        'Rupture CSP avec un préavis payé de plus de trois mois',
        true,
        ended('026', period('02', '06012026', '30042026')),
      ),
      example('Rupture CSP sans clause de préavis', false, ended('026', { 1: '90' })),
    ],
  },
  {
    id: 'S21.G00.63.001/CCH-14',
    check(block, ctx) {
      const type = block.rubric(1);
      if (type === undefined) return;
      const pap = endReason(block) === '114';
      const long = overThreeMonths(block);
      if (type.value === '61' ? !pap || long === true : pap && long === false) ctx.fail(type);
    },
    examples: () => [
      example(
        'Entrée en PAP avec un préavis de deux mois payé',
        true,
        ended('114', period('02', '06012026', '05032026')),
      ),
      example('Préavis PAP pour une démission', true, ended('059', period('61', '06012026', '05032026'))),
      example('Préavis PAP de quatre mois', true, ended('114', period('61', '06012026', '05052026'))),
      example(
        'Entrée en PAP avec un préavis PAP de deux mois',
        false,
        ended('114', period('61', '06012026', '05032026')),
      ),
      example(
        'Entrée en PAP avec un préavis payé de quatre mois',
        false,
        ended('114', period('02', '06012026', '05052026')),
      ),
    ],
  },
  requiredIffAllowed('S21.G00.63.002/CCH-11', is(noticeType, ...dated), {
    examples: () => [
      example('Préavis effectué sans date de début', true, ended('020', { 1: '01', 3: '31032026' })),
      example(
        'Date de début pour une absence de clause de préavis',
        true,
        ended('020', { 1: '90', 2: '06012026' }),
      ),
      example('Préavis effectué avec ses dates', false, ended('020', period('01', '06012026', '31032026'))),
    ],
  }),
  notBefore('S21.G00.63.002/CCH-13', (b) => dateOf(b.parent ?? undefined, 3), {
    when: (b) => b.value(1) !== '90',
    examples: () =>
      pair(
        'Préavis commençant avant la notification de la rupture',
        ended('020', period('01', '04012026', '31032026')),
        'Préavis commençant le jour de la notification',
        ended('020', period('01', '05012026', '31032026')),
      ),
  }),
  notBefore('S21.G00.63.002/CCH-14', (b) => dateOf(b.parent ?? undefined, 5), {
    strict: true,
    when: (b) => b.value(1) !== '90',
    examples: () =>
      pair(
        'Préavis commençant le jour de l’engagement de la procédure',
        ended('020', period('01', '02012026', '31032026')),
        'Préavis commençant après l’engagement de la procédure',
        ended('020', period('01', '06012026', '31032026')),
      ),
  }),
  {
    id: 'S21.G00.63.002/CCH-15',
    check(block, ctx) {
      const start = dateOf(block, 2);
      const end = dateOf(block, 3);
      if (start === null || end === null || block.parent === null) return;
      const siblings = block.parent.children;
      let later = false;
      let followed = false;
      const next = addDays(end, 1);
      for (let i = 0; i < siblings.length; i++) {
        const other = siblings[i]!;
        if (other === block || other.id !== 'S21.G00.63') continue;
        const s = dateOf(other, 2);
        const e = dateOf(other, 3);
        if (s === null || e === null) continue;
        if (s <= end && start <= e) {
          ctx.fail(block.rubric(2)!);
          return;
        }
        if (s > start) later = true;
        if (s === next) followed = true;
      }
      if (later && !followed) ctx.fail(block.rubric(2)!);
    },
    examples: () => [
      example(
        'Deux préavis qui se chevauchent',
        true,
        ended('020', period('01', '06012026', '31012026'), period('02', '31012026', '31032026')),
      ),
      example(
        'Deux préavis séparés par un jour',
        true,
        ended('020', period('01', '06012026', '30012026'), period('02', '01022026', '31032026')),
      ),
      example(
        'Deux préavis contigus',
        false,
        ended('020', period('01', '06012026', '31012026'), period('02', '01022026', '31032026')),
      ),
    ],
  },
  notBefore('S21.G00.63.002/CCH-16', contractStart, {
    examples: () =>
      pair(
        'Préavis commençant avant le contrat',
        ended('020', period('01', '01012020', '31032026')),
        'Préavis commençant après le début du contrat',
        ended('020', period('01', '06012026', '31032026')),
      ),
  }),
  notBefore('S21.G00.63.003/CCH-13', (b) => dateOf(b, 2), {
    examples: () =>
      pair(
        'Préavis finissant avant de commencer',
        ended('020', period('01', '06012026', '05012026')),
        'Préavis d’un jour',
        ended('020', period('01', '06012026', '06012026')),
      ),
  }),
  requiredIffAllowed('S21.G00.63.003/CCH-14', is(noticeType, ...dated), {
    examples: () => [
      example('Délai de prévenance sans date de fin', true, ended('034', { 1: '60', 2: '06012026' })),
      example(
        'Date de fin pour une absence de clause de préavis',
        true,
        ended('043', { 1: '90', 3: '31032026' }),
      ),
      example(
        'Délai de prévenance avec ses dates',
        false,
        ended('034', period('60', '06012026', '08012026')),
      ),
    ],
  }),
];
