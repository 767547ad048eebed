import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { is, ref } from '../../lib/rules.ts';
import { dateKey } from '../../../values/calendar.ts';
import { child, declarationNature, example, lines, pair, remuneration } from '../contract/examples.ts';
import { contractOf, contractStart, dateOf, effectiveEnd, requiredIffAllowed } from '../contract/shared.ts';
import { notAfter, notBefore } from '../../lib/periods.ts';

/** Autres suspensions (S21.G00.65) and aménagements du temps de travail (S21.G00.75, P27V01). */

/** Suspension reasons only a signalement FCTU may carry, for suspensions begun before 2027 (P27V01). */
const closingReasons = ['605', '612', '628', '630', '631', '633', '642', '645', '647'];
const closingDeadline = 20270101;
const shortTimeWork = new Set(['507', '602']);
const shortTimeRemunerations = new Set(['019', '025']);

/** True when the individual has a remuneration of type 019 or 025. */
function hasShortTimeRemuneration(contract: Block): boolean {
  const individual = contract.parent;
  if (individual === null) return false;
  const payments = individual.children;
  for (let i = 0; i < payments.length; i++) {
    if (payments[i]!.id !== 'S21.G00.50') continue;
    const pay = payments[i]!.children;
    for (let j = 0; j < pay.length; j++) {
      if (pay[j]!.id === 'S21.G00.51' && shortTimeRemunerations.has(pay[j]!.value(11) ?? '')) return true;
    }
  }
  return false;
}

const suspension = (values: Record<number, string> = {}) => [
  child(...lines('S21.G00.65', { 1: '501', 2: '12012026', 3: '16012026', ...values })),
];
const arrangement = (values: Record<number, string> = {}) => [
  child(...lines('S21.G00.75', { 1: '632', 2: '01012026', 3: '30062026', ...values })),
];
const ended = (date: string, reason = '059') => child(...lines('S21.G00.62', { 1: date, 2: reason }));

export const suspensionControls: Control[] = [
  {
    id: 'S21.G00.65.001/CCH-12',
    check(block, ctx) {
      const reason = block.rubric(1);
      if (reason === undefined || !closingReasons.includes(reason.value)) return;
      const start = block.value(2);
      if (ctx.nature !== '07' || start === undefined) {
        ctx.fail(reason);
        return;
      }
      const date = dateKey(start);
      if (date !== null && date >= closingDeadline) ctx.fail(reason);
    },
    examples: () => [
      example('Congé statutaire dans une DSN mensuelle', true, suspension({ 1: '605' })),
      example('Congé statutaire commencé en 2027 dans un signalement de fin de contrat', true, [
        declarationNature('07'),
        ...suspension({ 1: '605', 2: '04012027', 3: '08012027' }),
      ]),
      example('Congé statutaire commencé en 2026 dans un signalement de fin de contrat', false, [
        declarationNature('07'),
        ...suspension({ 1: '605' }),
      ]),
    ],
  },
  {
    id: 'S21.G00.65.001/SIG-11',
    check(block, ctx) {
      const reason = block.rubric(1);
      if (ctx.nature !== '01' || reason === undefined || !shortTimeWork.has(reason.value)) return;
      const contract = contractOf(block);
      if (contract !== undefined && !hasShortTimeRemuneration(contract)) ctx.fail(reason);
    },
    examples: () => [
      example('Chômage intempéries sans heures de chômage intempéries', true, suspension({ 1: '507' })),
      example('Chômage sans rupture avec des heures d’activité partielle', false, [
        ...suspension({ 1: '602' }),
        remuneration({ 11: '019', 12: '21.00' }),
      ]),
      example('Chômage intempéries dans un signalement de fin de contrat', false, [
        declarationNature('07'),
        ...suspension({ 1: '507' }),
      ]),
    ],
  },
  notBefore('S21.G00.65.002/CCH-11', contractStart, {
    examples: () =>
      pair(
        'Suspension commençant avant le contrat',
        suspension({ 2: '01012020', 3: '05012020' }),
        'Suspension commençant le jour du début du contrat',
        suspension({ 2: '01032020', 3: '05032020' }),
      ),
  }),
  notAfter('S21.G00.65.002/CCH-13', (b) => effectiveEnd(contractOf(b)), {
    when: (b) => b.value(1) !== '998',
    examples: () => [
      example('Suspension commençant après la fin du contrat', true, [ended('10012026'), ...suspension()]),
      example('Annulation d’une suspension postérieure à la fin du contrat', false, [
        ended('10012026'),
        ...suspension({ 1: '998' }),
      ]),
      example('Suspension commençant le jour de la fin du contrat', false, [
        ended('12012026'),
        ...suspension(),
      ]),
    ],
  }),
  notAfterDeclaredMonth('S21.G00.65.002/SIG-12', {
    examples: () =>
      pair(
        'Suspension commençant après le mois déclaré',
        suspension({ 2: '02022026', 3: '06022026' }),
        'Suspension commençant dans le mois déclaré',
        suspension(),
      ),
  }),
  notBefore('S21.G00.65.003/CCH-11', (b) => dateOf(b, 2), {
    examples: () =>
      pair(
        'Suspension finissant avant de commencer',
        suspension({ 3: '11012026' }),
        'Suspension d’un jour',
        suspension({ 3: '12012026' }),
      ),
  }),
  requiredIffAllowed('S21.G00.65.004/CCH-11', is(ref('S21.G00.65.001'), '655', '674'), {
    examples: () => [
      example('Détachement sans position', true, suspension({ 1: '655' })),
      example('Position de détachement pour un congé non rémunéré', true, suspension({ 4: '01' })),
      example('Détachement avec sa position', false, suspension({ 1: '674', 4: '01' })),
    ],
  }),
  notBefore('S21.G00.75.002/CCH-11', contractStart, {
    examples: () =>
      pair(
        'Aménagement commençant avant le contrat',
        arrangement({ 2: '01012020' }),
        'Aménagement commençant après le début du contrat',
        arrangement(),
      ),
  }),
  notAfter('S21.G00.75.002/CCH-12', (b) => effectiveEnd(contractOf(b)), {
    when: (b) => b.value(1) !== '998',
    examples: () => [
      example('Aménagement commençant après la fin du contrat', true, [
        ended('10012026'),
        ...arrangement({ 2: '15012026' }),
      ]),
      example('Aménagement commençant après une fin de contrat annulée', false, [
        ended('10012026', '099'),
        ...arrangement({ 2: '15012026' }),
      ]),
      example('Aménagement commençant avant la fin du contrat', false, [ended('10012026'), ...arrangement()]),
    ],
  }),
  notAfterDeclaredMonth('S21.G00.75.002/SIG-13', {
    examples: () =>
      pair(
        'Aménagement commençant après le mois déclaré',
        arrangement({ 2: '01022026' }),
        'Aménagement commençant dans le mois déclaré',
        arrangement(),
      ),
  }),
  notBefore('S21.G00.75.003/CCH-11', (b) => dateOf(b, 2), {
    examples: () =>
      pair(
        'Aménagement finissant avant de commencer',
        arrangement({ 3: '31122025' }),
        'Aménagement d’un jour',
        arrangement({ 3: '01012026' }),
      ),
  }),
];
