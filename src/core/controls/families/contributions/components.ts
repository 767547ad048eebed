import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { countChildren, someChild } from '../../lib/children.ts';
import { crmOnlyForPastPeriod, dateAt } from '../../lib/periods.ts';
import { is, ref, valueRule, valuesForbiddenWhen } from '../../lib/rules.ts';
import { cents } from '../../lib/values.ts';
import {
  adhesion,
  affiliation,
  blockLines,
  inPayment,
  providentBaseLines,
  providentSetup,
} from '../provident-pension/fixtures.ts';

/** Composant de base assujettie (S21.G00.79). */

const baseCode = ref('S21.G00.78.001');
const providentBase = is(baseCode, '31');
/** Components that only make sense in a prévoyance base: 10 to 21, 23, 24. */
const providentTypes = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '23',
  '24',
]);
/** Prévoyance tranches that a base 31 may carry only once. */
const uniqueTypes = new Set(['10', '11', '12', '13', '14', '15', '16', '24']);
const noComponent = '23';

const isZero = (value: string | undefined) => {
  const amount = cents(value);
  return amount !== null && amount === 0;
};

/** A base 31 whose single component is `component`, with a contribution of `amount`. */
const providentWith = (component: Record<number, string | undefined>, amount = '25.00') => [
  adhesion(),
  affiliation(),
  inPayment(providentBaseLines({}, component, { 4: amount })),
];
const secondComponent = (type: string, amount = '100.00') =>
  ({ insertBefore: 'S21.G00.81.001', lines: blockLines('S21.G00.79', { 1: type, 4: amount }) }) as const;

export const componentControls: Control[] = [
  {
    id: 'S21.G00.79.001/CCH-11',
    block: 'S21.G00.78',
    requires: [{ rubric: 1, values: ['31'] }],
    check(base, ctx) {
      if (base.value(1) === '31' && !someChild(base, 'S21.G00.79')) ctx.fail(base);
    },
    examples: () => [
      {
        title: 'Base prévoyance sans composant',
        fails: true,
        edits: [
          adhesion(),
          affiliation(),
          inPayment(providentBaseLines().filter((line) => !line.startsWith('S21.G00.79'))),
        ],
      },
      { title: 'Base prévoyance avec son salaire brut prévoyance', fails: false, edits: providentSetup() },
    ],
  },
  valueRule(
    'S21.G00.79.001/CCH-12',
    (type, component, ctx) => providentTypes.has(type) !== providentBase(component, ctx),
    {
      examples: () => [
        {
          title: 'Base prévoyance avec un composant « plafond de Sécurité sociale appliqué » (07)',
          fails: true,
          edits: providentWith({ 1: '07' }),
        },
        {
          title: 'Composant « tranche A prévoyance » sous une assiette déplafonnée',
          fails: true,
          base: 'mensuelle',
          edits: [{ set: 'S21.G00.79.001', value: '11' }],
        },
        {
          title: 'Base prévoyance avec une tranche A prévoyance (11)',
          fails: false,
          edits: providentWith({ 1: '11' }),
        },
      ],
    },
  ),
  {
    id: 'S21.G00.79.001/CCH-13',
    check(component, ctx) {
      const base = component.parent;
      if (component.value(1) !== noComponent || base === null) return;
      for (const c of base.children) {
        const amount = c.id === 'S21.G00.81' ? c.rubric(4) : undefined;
        if (amount !== undefined && cents(amount.value) !== null && !isZero(amount.value)) ctx.fail(amount);
      }
    },
    examples: () => [
      {
        title: 'Sans composant de base en paie (23) mais avec une cotisation',
        fails: true,
        edits: providentWith({ 1: '23', 4: '0.00' }, '25.00'),
      },
      {
        title: 'Sans composant de base en paie avec une cotisation nulle',
        fails: false,
        edits: providentWith({ 1: '23', 4: '0.00' }, '0.00'),
      },
    ],
  },
  valueRule(
    'S21.G00.79.001/CCH-14',
    (type, component) => {
      const code = component.parent?.value(1);
      return type === '01' && code !== '03' && code !== '19';
    },
    {
      examples: () => [
        {
          title: 'Montant du SMIC retenu (01) sous une assiette plafonnée',
          fails: true,
          base: 'mensuelle',
          edits: [{ set: 'S21.G00.78.001', occurrence: 2, value: '02' }],
        },
        {
          title: 'Montant du SMIC retenu sous l’assiette déplafonnée',
          fails: false,
          base: 'mensuelle',
          edits: [],
        },
      ],
    },
  ),
  {
    id: 'S21.G00.79.001/CCH-16',
    check(component, ctx) {
      const type = component.rubric(1);
      const base = component.parent;
      if (type === undefined || !uniqueTypes.has(type.value) || base?.value(1) !== '31') return;
      for (const other of base.children) {
        if (other === component) return;
        if (other.id === 'S21.G00.79' && other.value(1) === type.value) return ctx.fail(type);
      }
    },
    examples: () => [
      {
        title: 'Base prévoyance avec deux tranches A',
        fails: true,
        edits: [...providentWith({ 1: '11' }), secondComponent('11')],
      },
      {
        title: 'Base prévoyance avec une tranche A et une tranche B',
        fails: false,
        edits: [...providentWith({ 1: '11' }), secondComponent('13')],
      },
    ],
  },
  valuesForbiddenWhen(
    'S21.G00.79.001/CCH-17',
    ['01', '02', '03', '04', '05', '06', '22', '90', '91'],
    providentBase,
    {
      examples: () => [
        {
          title: 'Base prévoyance avec une retenue sur salaire (90)',
          fails: true,
          edits: providentWith({ 1: '90' }),
        },
        { title: 'Base prévoyance avec un salaire brut prévoyance', fails: false, edits: providentSetup() },
      ],
    },
  ),
  {
    id: 'S21.G00.79.001/SIG-18',
    requires: [{ rubric: 1, values: [noComponent] }],
    check(component, ctx) {
      const type = component.rubric(1);
      const base = component.parent;
      if (type?.value !== noComponent || base === null) return;
      if (countChildren(base, 'S21.G00.79') > 1) ctx.fail(type);
    },
    examples: () => [
      {
        title: 'Sans composant de base en paie (23) à côté d’un autre composant',
        fails: true,
        edits: [...providentWith({ 1: '23', 4: '0.00' }, '0.00'), secondComponent('10')],
      },
      {
        title: 'Sans composant de base en paie, seul',
        fails: false,
        edits: providentWith({ 1: '23', 4: '0.00' }, '0.00'),
      },
    ],
  },
  valueRule(
    'S21.G00.79.001/SIG-19',
    (type, component) => type === noComponent && !isZeroOrUnreadable(component),
    {
      examples: () => [
        {
          title: 'Sans composant de base en paie (23) avec un montant',
          fails: true,
          edits: providentWith({ 1: '23', 4: '100.00' }, '0.00'),
        },
        {
          title: 'Sans composant de base en paie, montant nul',
          fails: false,
          edits: providentWith({ 1: '23', 4: '0.00' }, '0.00'),
        },
      ],
    },
  ),
  crmOnlyForPastPeriod('S21.G00.79.005/CCH-11', dateAt('S21.G00.78.002'), dateAt('S21.G00.78.003'), {
    examples: () => [
      {
        title: 'Identifiant de CRM sur un composant d’une base du mois',
        fails: true,
        edits: providentWith({ 5: 'CRM0001' }),
      },
      {
        title: 'Identifiant de CRM sur un composant d’une base de régularisation',
        fails: false,
        edits: [
          adhesion(),
          affiliation(),
          inPayment(providentBaseLines({ 2: '01122025', 3: '31122025' }, { 5: 'CRM0001' })),
        ],
      },
    ],
  }),
];

/** Component amount (S21.G00.79.004) that is zero, absent or unreadable (the datatype check's business). */
function isZeroOrUnreadable(component: Block): boolean {
  const value = component.value(4);
  return value === undefined || cents(value) === null || isZero(value);
}
