import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { declaredMonthEnd, declaredMonthStart } from '../../lib/dating.ts';
import { establishment } from '../../lib/declaration.ts';
import { is, ref, requiredWhen } from '../../lib/rules.ts';
import { upToFollowingMonth } from '../../lib/periods.ts';
import { blockAllowed } from '../../lib/usages.ts';
import { cents, decimal } from '../../lib/values.ts';
import { dateKey } from '../../../values/calendar.ts';
import { after, remove, remuneration, set, underPayment } from './shared.ts';

/** Versement individu (S21.G00.50). */

/** Monaco's establishments (postal codes 98…) do not declare the net social amount. */
function outsideMonaco(ctx: ControlContext): boolean {
  const postcode = establishment(ctx)?.value(4);
  return postcode !== undefined && !postcode.startsWith('98');
}

/** "Au moins un bloc enfant S21.G00.58 de type 03 - Montant net social." */
function hasNetSocialAmount(payment: Block): boolean {
  const children = payment.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === 'S21.G00.58' && c.value(3) === '03') return true;
  }
  return false;
}

/** Another payment of the same individual dated after the declared month (shifted payroll). */
function laterPayment(payment: Block, monthEnd: number): boolean {
  const individual = payment.parent;
  if (individual === null) return false;
  const children = individual.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c === payment || c.id !== 'S21.G00.50') continue;
    const date = dateKey(c.value(1));
    if (date !== null && date > monthEnd) return true;
  }
  return false;
}

/** Whether the net social amount block can be declared at all in this nature. */
const netSocialUsed = (ctx: ControlContext) => blockAllowed(ctx, 'S21.G00.58');

const secondPayment = (number: string) =>
  after('S21.G00.58.004', "S21.G00.50.001,'31012026'", `S21.G00.50.003,'${number}'`);
const withoutNetSocial = [remove('S21.G00.58.003'), remove('S21.G00.58.004')];
const rateDgfip = (rate: string, amount: string) => [
  set('S21.G00.50.006', rate),
  set('S21.G00.50.009', amount),
];

export const paymentBlockControls: Control[] = [
  upToFollowingMonth('S21.G00.50.001/CCH-13', {
    examples: () => [
      {
        title: 'Versement du 1er mars pour le mois de janvier',
        fails: true,
        edits: [set('S21.G00.50.001', '01032026')],
      },
      {
        title: 'Versement du 28 février pour le mois de janvier',
        fails: false,
        edits: [set('S21.G00.50.001', '28022026')],
      },
    ],
  }),
  {
    id: 'S21.G00.50.001/CCH-14',
    check(payment, ctx) {
      const rubric = payment.rubric(1);
      const date = dateKey(rubric?.value);
      const first = declaredMonthStart(ctx);
      const last = declaredMonthEnd(ctx);
      if (date === null || first === null || last === null || date < first) return;
      if (!outsideMonaco(ctx) || !netSocialUsed(ctx) || laterPayment(payment, last)) return;
      if (!hasNetSocialAmount(payment)) ctx.fail(rubric!);
    },
    examples: () => [
      { title: 'Versement du mois sans montant net social', fails: true, edits: withoutNetSocial },
      { title: 'Versement du mois avec le montant net social', fails: false, edits: [] },
      {
        title: 'Établissement monégasque sans montant net social',
        fails: false,
        edits: [set('S21.G00.11.004', '98000'), ...withoutNetSocial],
      },
    ],
  },
  {
    id: 'S21.G00.50.001/CCH-15',
    check(payment, ctx) {
      const rubric = payment.rubric(1);
      const date = dateKey(rubric?.value);
      const monthEnd = declaredMonthEnd(ctx);
      if (date === null || monthEnd === null || date <= monthEnd) return;
      if (outsideMonaco(ctx) && netSocialUsed(ctx) && !hasNetSocialAmount(payment)) ctx.fail(rubric!);
    },
    examples: () => [
      {
        title: 'Versement décalé au 5 février sans montant net social',
        fails: true,
        edits: [set('S21.G00.50.001', '05022026'), ...withoutNetSocial],
      },
      {
        title: 'Versement décalé au 5 février avec le montant net social',
        fails: false,
        edits: [set('S21.G00.50.001', '05022026')],
      },
    ],
  },
  {
    id: 'S21.G00.50.001/CCH-16',
    check(payment, ctx) {
      let contract: string | undefined;
      let several = false;
      const children = payment.children;
      for (let i = 0; i < children.length && !several; i++) {
        const c = children[i]!;
        if (c.id !== 'S21.G00.51') continue;
        const number = c.value(10);
        if (contract === undefined) contract = number;
        else if (number !== undefined && number !== contract) several = true;
      }
      if (!several) return;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id === 'S21.G00.54' && c.value(1) === '10' && !c.has(5)) ctx.fail(c);
      }
    },
    examples: () => [
      {
        title: 'Déduction forfaitaire spécifique sans numéro de contrat, versement pour deux contrats',
        fails: true,
        edits: [
          underPayment(
            ...remuneration('001', '900.00', '00002'),
            "S21.G00.54.001,'10'",
            "S21.G00.54.002,'100.00'",
          ),
        ],
      },
      {
        title: 'Déduction forfaitaire spécifique rattachée à son contrat, versement pour deux contrats',
        fails: false,
        edits: [
          underPayment(
            ...remuneration('001', '900.00', '00002'),
            "S21.G00.54.001,'10'",
            "S21.G00.54.002,'100.00'",
            "S21.G00.54.005,'00001'",
          ),
        ],
      },
    ],
  },
  {
    id: 'S21.G00.50.003/CCH-11',
    check(payment, ctx) {
      const rubric = payment.rubric(3);
      const individual = payment.parent;
      if (rubric === undefined || individual === null) return;
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c === payment) return;
        if (c.id === 'S21.G00.50' && c.value(3) === rubric.value) return ctx.fail(rubric);
      }
    },
    examples: () => [
      {
        title: 'Deux versements numérotés 01',
        fails: true,
        edits: [after('S21.G00.50.002', "S21.G00.50.003,'01'"), secondPayment('01')],
      },
      {
        title: 'Deux versements numérotés 01 et 02',
        fails: false,
        edits: [after('S21.G00.50.002', "S21.G00.50.003,'01'"), secondPayment('02')],
      },
    ],
  },
  {
    id: 'S21.G00.50.003/CCH-12',
    check(payment, ctx) {
      if (payment.has(3) || payment.parent === null) return;
      const children = payment.parent.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c !== payment && c.id === 'S21.G00.50') return ctx.fail(payment);
      }
    },
    examples: () => [
      { title: 'Deux versements dont le premier sans numéro', fails: true, edits: [secondPayment('02')] },
      {
        title: 'Deux versements numérotés',
        fails: false,
        edits: [after('S21.G00.50.002', "S21.G00.50.003,'01'"), secondPayment('02')],
      },
    ],
  },
  {
    id: 'S21.G00.50.007/CCH-11',
    check(payment, ctx) {
      const type = payment.rubric(7);
      if (type?.value !== '99') return;
      const rate = decimal(payment.value(6));
      const amount = cents(payment.value(9));
      if ((rate !== null && rate !== 0) || (amount !== null && amount !== 0)) ctx.fail(type);
    },
    examples: () => [
      {
        title: 'Indu sans taux de PAS déclaré avec un taux de 5 %',
        fails: true,
        edits: [set('S21.G00.50.007', '99'), ...rateDgfip('5.00', '0.00')],
      },
      {
        title: 'Indu sans taux de PAS, taux et montant nuls',
        fails: false,
        edits: [set('S21.G00.50.007', '99')],
      },
    ],
  },
  requiredWhen('S21.G00.50.008/CCH-11', is(ref('S21.G00.50.007'), '01'), {
    examples: () => [
      { title: 'Taux transmis par la DGFiP sans son identifiant', fails: true, edits: [] },
      {
        title: 'Taux transmis par la DGFiP avec son identifiant',
        fails: false,
        edits: [after('S21.G00.50.007', "S21.G00.50.008,'364586474'")],
      },
      {
        title: 'Barème mensuel métropole sans identifiant',
        fails: false,
        edits: [set('S21.G00.50.007', '13')],
      },
    ],
  }),
  {
    id: 'S21.G00.50.009/CCH-11',
    check(payment, ctx) {
      const rubric = payment.rubric(9);
      const amount = cents(rubric?.value);
      const base = cents(payment.value(13));
      const rate = decimal(payment.value(6));
      if (amount === null || base === null || rate === null) return;
      // amount = base × rate / 100, within one euro; in cents and hundredths of a percent.
      const basisPoints = Math.round(rate * 100);
      if (Math.abs(amount * 10000 - base * basisPoints) > 100 * 10000) ctx.fail(rubric!);
    },
    examples: () => [
      {
        title: 'Prélèvement de 100,00 € pour 1 474,80 € au taux de 10 %',
        fails: true,
        edits: rateDgfip('10.00', '100.00'),
      },
      {
        title: 'Prélèvement de 148,00 € pour 1 474,80 € au taux de 10 % (écart de 0,52 €)',
        fails: false,
        edits: rateDgfip('10.00', '148.00'),
      },
    ],
  },
];
