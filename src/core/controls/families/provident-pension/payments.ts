import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { someChild } from '../../lib/children.ts';
import { company, establishment, establishmentSiret } from '../../lib/declaration.ts';
import {
  crmOnlyForPastPeriod,
  dateAt,
  declaredMonths,
  notBefore,
  sameMonthAs,
  sameYearAs,
  upToDeclaredMonth,
} from '../../lib/periods.ts';
import { forbiddenWhen, is, ref, requiredWhen, type Condition } from '../../lib/rules.ts';
import { cents } from '../../lib/values.ts';
import {
  adhesionLines,
  afterEstablishment,
  componentLines,
  establishmentSiret as siretOfExamples,
  paymentLines,
} from './fixtures.ts';
import {
  inOpsTable,
  isDgfip,
  isProvident,
  opsReason,
  opsTables,
  organismIn,
  organismKind,
} from './organisms.ts';

/** Versement organisme de protection sociale (S21.G00.20) and its composants de versement (S21.G00.55). */

const organism = ref('S21.G00.20.001');
const mode = ref('S21.G00.20.010');
const provident: Condition = (b, ctx) => isProvident(organism(b, ctx));
const dgfip: Condition = (b, ctx) => isDgfip(organism(b, ctx));

/**
 * Who pays (S21.G00.20.012): nobody named (`absent`), the declared establishment (`own`) or another
 * establishment (`other`); null when the establishment's SIRET cannot be read to compare.
 */
function payerOf(b: Block, ctx: ControlContext): 'absent' | 'own' | 'other' | null {
  const payer = b.value(12);
  if (payer === undefined) return 'absent';
  const own = establishmentSiret(ctx);
  if (own === undefined) return null;
  return payer === own ? 'own' : 'other';
}
const otherPayer: Condition = (b, ctx) => payerOf(b, ctx) === 'other';

const inTable = (table: string): Condition => organismIn(table, 'S21.G00.20.001');

/** Entities (rubric 002) of the CNIEG populations, allowed only with an employee under the CNIEG. */
const cniegEntities = new Set(['CNIEG_COT_RS', 'CNIEG_COT_POOL', 'CNIEG_COT_RDC']);
const cnieg = '147';

/**
 * A payment (S21.G00.20) or slip (S21.G00.22) for a CNIEG population needs an employee under the
 * CNIEG old-age regime (S21.G00.40.020 = 147). The employees come after these context blocks: the
 * contracts are read as they come and the blocks judged at the end of the declaration.
 */
export function cniegEntityControl(
  id: string,
  blockId: string,
  examples: Control['examples'],
): Control<{ seen: boolean }> {
  return {
    id,
    block: 'S21.G00.40',
    examples,
    state: () => ({ seen: false }),
    check(contract, _, state) {
      if (contract.value(20) === cnieg) state.seen = true;
    },
    end(ctx, state) {
      if (state.seen) return;
      for (const b of establishment(ctx)?.children ?? []) {
        const entity = b.id === blockId ? b.rubric(2) : undefined;
        if (entity !== undefined && cniegEntities.has(entity.value)) ctx.fail(entity);
      }
    },
  };
}

/** An adhesion of the establishment (S21.G00.15) holds these values (absent ones compared as such). */
function adhesionWith(
  payment: Block,
  code: string | undefined,
  delegate: string | undefined,
  contract?: string,
) {
  const est = payment.parent;
  return (
    est !== null &&
    someChild(
      est,
      'S21.G00.15',
      (a) =>
        a.value(2) === code && a.value(3) === delegate && (contract === undefined || a.value(1) === contract),
    )
  );
}

/**
 * "La période d'affectation ne peut être postérieure à celle suivant la période révolue au dernier
 * jour du mois déclaré": periods are months (M01–M12), quarters (T01–T04), half-years (S01–S02) or
 * years (A00). At the last day of the declared month, the last period of that length that is over
 * (révolue) is found; the one after it is the latest allowed. E00 (exercice, whose bounds the
 * declaration does not give) is not judged.
 */
const periodShape = /^(\d{4})([MTSA])(\d\d)$/;
const monthsPer: Record<string, number> = { M: 1, T: 3, S: 6, A: 12 };

function periodAfterLatest(value: string, ctx: ControlContext): boolean {
  const m = periodShape.exec(value);
  const month = declaredMonths(ctx);
  if (m === null || month === null) return false;
  const length = monthsPer[m[2]!]!;
  const perYear = 12 / length;
  const index = Number(m[1]) * perYear + Math.max(Number(m[3]), 1) - 1;
  const year = Math.floor(month.first / 10000);
  const declared = Math.floor(month.first / 100) % 100;
  const containing = year * perYear + Math.floor((declared - 1) / length);
  const over = declared % length === 0 ? containing : containing - 1;
  return index > over + 1;
}

const payment = (fields: Record<number, string | undefined> = {}, ...more: string[][]): Edit =>
  afterEstablishment(paymentLines(fields), ...more);
const urssaf = '78861779300013';
const agircArrco = '86187452700018';
const otherSiret = '73282932000082';
const foreignIban = 'DE89370400440532013000';
const urssafTable = { [opsTables.urssaf]: [urssaf] };
const agircArrcoTable = { [opsTables.agircArrco]: [agircArrco] };
const dgfipPayment = (fields: Record<number, string | undefined> = {}) =>
  payment({ 1: 'DGFIP', 2: 'DGFIP_PAS', 5: '480.00', ...fields });
const providentPayment = (
  fields: Record<number, string | undefined> = {},
  component: Record<number, string> = {},
) => afterEstablishment(adhesionLines(), paymentLines(fields), componentLines(component));
const oldAgeRegime = (value: string): Edit => ({ set: 'S21.G00.40.020', value });

export const paymentControls: Control[] = [
  {
    id: 'S21.G00.20.001/CCH-12',
    check(b, ctx) {
      const id = b.rubric(1);
      if (id === undefined || !isProvident(id.value) || someChild(b, 'S21.G00.55')) return;
      const amount = cents(b.value(5));
      const payer = payerOf(b, ctx);
      if ((amount !== null && amount !== 0) || payer === 'absent' || payer === 'own') ctx.fail(id);
    },
    examples: () => [
      { title: 'Versement à un organisme de prévoyance sans composant', fails: true, edits: [payment()] },
      {
        title: 'Versement nul payé par un autre établissement, sans composant',
        fails: false,
        edits: [payment({ 5: '0.00', 10: '06', 12: otherSiret })],
      },
      {
        title: 'Versement à un organisme de prévoyance avec son composant',
        fails: false,
        edits: [providentPayment()],
      },
    ],
  },
  {
    id: 'S21.G00.20.001/CCH-13',
    check(b, ctx) {
      const id = b.rubric(1);
      if (id === undefined || !isProvident(id.value) || someChild(b, 'S21.G00.55')) return;
      if (!adhesionWith(b, id.value, b.value(8))) ctx.fail(id);
    },
    examples: () => [
      {
        title: 'Versement sans composant à un organisme de prévoyance sans adhésion',
        fails: true,
        edits: [payment({ 5: '0.00', 10: '06', 12: otherSiret })],
      },
      {
        title: 'Versement sans composant à l’organisme d’une adhésion, même délégataire (aucun)',
        fails: false,
        edits: [afterEstablishment(adhesionLines(), paymentLines({ 5: '0.00', 10: '06', 12: otherSiret }))],
      },
      {
        title: 'Versement à l’organisme d’une adhésion mais avec un délégataire de gestion différent',
        fails: true,
        edits: [
          afterEstablishment(
            adhesionLines(),
            paymentLines({ 5: '0.00', 8: 'D00001', 10: '06', 12: otherSiret }),
          ),
        ],
      },
    ],
  },
  {
    id: 'S21.G00.20.002/CCH-11',
    check(b, ctx) {
      if (!isDgfip(b.value(1))) return;
      const entity = b.rubric(2);
      if (entity === undefined) ctx.fail(b);
      else if (entity.value !== 'DGFIP_PAS' && entity.value !== 'DGFIP_SATD') ctx.fail(entity);
    },
    examples: () => [
      {
        title: 'Versement à la DGFIP sans entité d’affectation',
        fails: true,
        edits: [dgfipPayment({ 2: undefined })],
      },
      {
        title: 'Versement à la DGFIP pour une autre entité',
        fails: true,
        edits: [dgfipPayment({ 2: otherSiret })],
      },
      { title: 'Versement du prélèvement à la source à la DGFIP', fails: false, edits: [dgfipPayment()] },
    ],
  },
  cniegEntityControl('S21.G00.20.002/CCH-12', 'S21.G00.20', () => [
    {
      title: 'Versement pour la population CNIEG sans salarié affilié à la CNIEG',
      fails: true,
      edits: [payment({ 1: '18004500300047', 2: 'CNIEG_COT_RS', 3: undefined, 4: undefined, 10: '02' })],
    },
    {
      title: 'Versement pour la population CNIEG avec un salarié des industries électriques et gazières',
      fails: false,
      edits: [
        payment({ 1: '18004500300047', 2: 'CNIEG_COT_RS', 3: undefined, 4: undefined, 10: '02' }),
        oldAgeRegime(cnieg),
      ],
    },
  ]),
  forbiddenWhen('S21.G00.20.003/CCH-12', otherPayer, {
    examples: () => [
      {
        title: 'BIC sur un versement payé par un autre établissement',
        fails: true,
        edits: [payment({ 5: '0.00', 4: undefined, 10: '06', 12: otherSiret })],
      },
      {
        title: 'BIC sur un versement payé par l’établissement',
        fails: false,
        edits: [providentPayment({ 12: siretOfExamples })],
      },
    ],
  }),
  forbiddenWhen('S21.G00.20.004/CCH-12', otherPayer, {
    examples: () => [
      {
        title: 'IBAN sur un versement payé par un autre établissement',
        fails: true,
        edits: [payment({ 5: '0.00', 3: undefined, 10: '06', 12: otherSiret })],
      },
      {
        title: 'Versement payé par un autre établissement sans coordonnées bancaires',
        fails: false,
        edits: [payment({ 5: '0.00', 3: undefined, 4: undefined, 10: '06', 12: otherSiret })],
      },
    ],
  }),
  {
    id: 'S21.G00.20.004/CCH-13',
    status: 'needs-table',
    tables: [opsTables.urssaf, opsTables.agircArrco, opsTables.congesSpectacles],
    reason: opsReason(
      'celui d’une Urssaf, d’une institution Agirc-Arrco ou de la Caisse des congés spectacles',
      `${opsTables.urssaf}, ${opsTables.agircArrco} et ${opsTables.congesSpectacles}`,
    ),
    check(b, ctx) {
      const iban = b.rubric(4);
      const id = b.value(1);
      if (iban === undefined || iban.value.startsWith('FR')) return;
      const kind = organismKind(id);
      if (kind === 'provident' || kind === 'dgfip') return;
      let known = true;
      for (const table of [opsTables.urssaf, opsTables.agircArrco, opsTables.congesSpectacles]) {
        const found = inOpsTable(ctx, table, id);
        if (found === true) return;
        if (found === null) known = false;
      }
      if (known) ctx.fail(iban);
    },
    examples: () => [
      {
        title: 'Compte allemand pour un organisme qui n’est ni Urssaf, ni Agirc-Arrco, ni Congés spectacles',
        fails: true,
        edits: [payment({ 1: '18004500300047', 3: undefined, 4: foreignIban, 10: '02' })],
        tables: { ...urssafTable, ...agircArrcoTable, [opsTables.congesSpectacles]: [] },
      },
      {
        title: 'Compte allemand pour une Urssaf',
        fails: false,
        edits: [payment({ 1: urssaf, 3: undefined, 4: foreignIban, 10: '02' })],
        tables: { ...urssafTable, ...agircArrcoTable, [opsTables.congesSpectacles]: [] },
      },
      {
        title: 'Compte allemand pour un organisme de prévoyance',
        fails: false,
        edits: [providentPayment({ 4: foreignIban })],
      },
    ],
  },
  {
    id: 'S21.G00.20.005/CCH-12',
    check(b, ctx) {
      const amount = b.rubric(5);
      if (amount === undefined || !isProvident(b.value(1))) return;
      const paid = cents(amount.value);
      let sum = 0;
      let components = 0;
      for (const c of b.children) {
        if (c.id !== 'S21.G00.55') continue;
        const v = cents(c.value(1));
        if (v === null) return;
        sum += v;
        components++;
      }
      if (paid !== null && components > 0 && paid !== Math.max(sum, 0))
        ctx.fail(amount, `somme des composants ${(sum / 100).toFixed(2)}`);
    },
    examples: () => [
      {
        title: 'Versement de prévoyance différent de la somme de ses composants',
        fails: true,
        edits: [providentPayment({ 5: '30.00' })],
      },
      { title: 'Versement égal à la somme des composants', fails: false, edits: [providentPayment()] },
      {
        title: 'Composants de somme négative et versement nul',
        fails: false,
        edits: [providentPayment({ 5: '0.00' }, { 1: '-25.00' })],
      },
      {
        title: 'Composants de somme négative et versement de cette somme',
        fails: true,
        edits: [providentPayment({ 5: '-25.00' }, { 1: '-25.00' })],
      },
    ],
  },
  {
    id: 'S21.G00.20.005/CCH-13',
    check(b, ctx) {
      const amount = b.rubric(5);
      const v = cents(amount?.value);
      if (amount !== undefined && v !== null && isDgfip(b.value(1)) && v > 99999999900) ctx.fail(amount);
    },
    examples: () => [
      {
        title: 'Versement d’un milliard à la DGFIP',
        fails: true,
        edits: [dgfipPayment({ 5: '1000000000.00' })],
      },
      {
        title: 'Versement de 999 999 999 € à la DGFIP',
        fails: false,
        edits: [dgfipPayment({ 5: '999999999.00' })],
      },
    ],
  },
  sameMonthAs('S21.G00.20.006/CCH-11', dateAt('S21.G00.20.007'), {
    when: inTable(opsTables.urssaf),
    status: 'needs-table',
    tables: [opsTables.urssaf],
    reason: opsReason('celui d’une Urssaf', opsTables.urssaf),
    examples: () => [
      {
        title: 'Télérèglement à une Urssaf portant sur deux mois',
        fails: true,
        edits: [payment({ 1: urssaf, 6: '01122025' })],
        tables: urssafTable,
      },
      {
        title: 'Télérèglement à une Urssaf sur le mois',
        fails: false,
        edits: [payment({ 1: urssaf })],
        tables: urssafTable,
      },
      {
        title: 'Versement sur deux mois à un organisme qui n’est pas une Urssaf',
        fails: false,
        edits: [payment({ 1: agircArrco, 6: '01122025' })],
        tables: urssafTable,
      },
    ],
  }),
  sameYearAs('S21.G00.20.006/CCH-12', dateAt('S21.G00.20.007'), {
    when: inTable(opsTables.agircArrco),
    status: 'needs-table',
    tables: [opsTables.agircArrco],
    reason: opsReason('celui d’une institution Agirc-Arrco', opsTables.agircArrco),
    examples: () => [
      {
        title: 'Versement Agirc-Arrco sur deux exercices',
        fails: true,
        edits: [payment({ 1: agircArrco, 6: '01122025' })],
        tables: agircArrcoTable,
      },
      {
        title: 'Versement Agirc-Arrco sur un trimestre de l’année',
        fails: false,
        edits: [payment({ 1: agircArrco, 6: '01112025', 7: '31122025' })],
        tables: agircArrcoTable,
      },
    ],
  }),
  notBefore('S21.G00.20.007/CCH-11', dateAt('S21.G00.20.006'), {
    examples: () => [
      {
        title: 'Période de rattachement du versement inversée',
        fails: true,
        edits: [payment({ 6: '31012026', 7: '01012026' })],
      },
      {
        title: 'Période de rattachement d’un jour',
        fails: false,
        edits: [payment({ 6: '31012026', 7: '31012026' })],
      },
    ],
  }),
  sameYearAs('S21.G00.20.007/CCH-12', dateAt('S21.G00.20.006'), {
    when: inTable(opsTables.agircArrco),
    status: 'needs-table',
    tables: [opsTables.agircArrco],
    reason: opsReason('celui d’une institution Agirc-Arrco', opsTables.agircArrco),
    examples: () => [
      {
        title: 'Versement Agirc-Arrco de décembre à janvier',
        fails: true,
        edits: [payment({ 1: agircArrco, 6: '01122025' })],
        tables: agircArrcoTable,
      },
      {
        title: 'Versement Agirc-Arrco du mois',
        fails: false,
        edits: [payment({ 1: agircArrco })],
        tables: agircArrcoTable,
      },
    ],
  }),
  upToDeclaredMonth('S21.G00.20.007/CCH-13', {
    examples: () => [
      {
        title: 'Versement rattaché jusqu’en février pour janvier',
        fails: true,
        edits: [payment({ 7: '28022026' })],
      },
      { title: 'Versement rattaché au mois déclaré', fails: false, edits: [payment()] },
    ],
  }),
  {
    id: 'S21.G00.20.008/CCH-15',
    check(b, ctx) {
      const delegate = b.rubric(8);
      const kind = organismKind(b.value(1));
      if (delegate !== undefined && (kind === 'dgfip' || kind === 'siret')) ctx.fail(delegate);
    },
    examples: () => [
      {
        title: 'Délégataire de gestion sur un versement à une Urssaf',
        fails: true,
        edits: [payment({ 1: urssaf, 8: 'D00001' })],
      },
      {
        title: 'Délégataire de gestion sur un versement à un organisme de prévoyance',
        fails: false,
        edits: [providentPayment({ 8: 'D00001' })],
      },
    ],
  },
  {
    id: 'S21.G00.20.010/CCH-12',
    check(b, ctx) {
      if (b.value(10) === '05' && !b.has(4)) ctx.fail(b);
    },
    examples: () => [
      { title: 'Prélèvement SEPA sans IBAN', fails: true, edits: [payment({ 4: undefined })] },
      { title: 'Prélèvement SEPA avec IBAN', fails: false, edits: [payment()] },
      {
        title: 'Virement sans IBAN',
        fails: false,
        edits: [payment({ 3: undefined, 4: undefined, 10: '02' })],
      },
    ],
  },
  {
    id: 'S21.G00.20.010/CCH-14',
    check(b, ctx) {
      if (!dgfip(b, ctx)) return;
      const m = b.rubric(10);
      if (m === undefined) ctx.fail(b);
      else if (m.value !== '05' && m.value !== '06') ctx.fail(m);
    },
    examples: () => [
      { title: 'Versement à la DGFIP par virement', fails: true, edits: [dgfipPayment({ 10: '02' })] },
      { title: 'Versement à la DGFIP par prélèvement SEPA', fails: false, edits: [dgfipPayment()] },
    ],
  },
  {
    id: 'S21.G00.20.010/SIG-13',
    check(b, ctx) {
      if (b.value(10) === '05' && !b.has(3)) ctx.fail(b);
    },
    examples: () => [
      { title: 'Prélèvement SEPA sans BIC', fails: true, edits: [payment({ 3: undefined })] },
      { title: 'Prélèvement SEPA avec BIC', fails: false, edits: [payment()] },
    ],
  },
  {
    id: 'S21.G00.20.010/SIG-14',
    check(b, ctx) {
      if (!otherPayer(b, ctx)) return;
      const m = b.rubric(10);
      if (m === undefined) ctx.fail(b);
      else if (m.value !== '06') ctx.fail(m);
    },
    examples: () => [
      {
        title: 'SIRET payeur d’un autre établissement avec un prélèvement SEPA',
        fails: true,
        edits: [payment({ 5: '0.00', 12: otherSiret })],
      },
      {
        title: 'SIRET payeur d’un autre établissement, versement réalisé par lui',
        fails: false,
        edits: [payment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06', 12: otherSiret })],
      },
    ],
  },
  {
    id: 'S21.G00.20.012/CCH-11',
    check(b, ctx) {
      const payer = b.rubric(12);
      if (payer === undefined || !otherPayer(b, ctx) || !(provident(b, ctx) || dgfip(b, ctx))) return;
      const amount = cents(b.value(5));
      if (amount !== null && amount !== 0) ctx.fail(payer);
    },
    examples: () => [
      {
        title: 'Versement non nul à la DGFIP payé par un autre établissement',
        fails: true,
        edits: [dgfipPayment({ 3: undefined, 4: undefined, 10: '06', 12: otherSiret })],
      },
      {
        title: 'Versement nul à la DGFIP payé par un autre établissement',
        fails: false,
        edits: [dgfipPayment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06', 12: otherSiret })],
      },
      {
        title: 'Versement non nul à une Urssaf payé par un autre établissement',
        fails: false,
        edits: [payment({ 1: urssaf, 3: undefined, 4: undefined, 10: '06', 12: otherSiret })],
      },
    ],
  },
  {
    id: 'S21.G00.20.012/CCH-12',
    check(b, ctx) {
      if (b.value(10) !== '06') return;
      const payer = payerOf(b, ctx);
      if (payer === 'absent') ctx.fail(b);
      else if (payer === 'own') ctx.fail(b.rubric(12)!);
    },
    examples: () => [
      {
        title: 'Versement réalisé par un autre établissement sans SIRET payeur',
        fails: true,
        edits: [payment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06' })],
      },
      {
        title: 'Versement réalisé par un autre établissement avec le SIRET de l’établissement déclaré',
        fails: true,
        edits: [payment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06', 12: siretOfExamples })],
      },
      {
        title: 'Versement réalisé par un autre établissement, avec son SIRET',
        fails: false,
        edits: [payment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06', 12: otherSiret })],
      },
    ],
  },
  forbiddenWhen('S21.G00.20.012/CCH-13', (b, ctx) => dgfip(b, ctx) && is(mode, '05')(b, ctx), {
    examples: () => [
      {
        title: 'Prélèvement SEPA de la DGFIP avec un SIRET payeur (même celui de l’établissement)',
        fails: true,
        edits: [dgfipPayment({ 12: siretOfExamples })],
      },
      { title: 'Prélèvement SEPA de la DGFIP sans SIRET payeur', fails: false, edits: [dgfipPayment()] },
    ],
  }),
  {
    id: 'S21.G00.20.012/CCH-14',
    check(b, ctx) {
      const payer = b.rubric(12);
      const siren = company(ctx)?.value(1);
      if (payer === undefined || siren === undefined || !dgfip(b, ctx)) return;
      if (!payer.value.startsWith(siren)) ctx.fail(payer);
    },
    examples: () => [
      {
        title: 'Versement à la DGFIP payé par un établissement d’une autre entreprise',
        fails: true,
        edits: [dgfipPayment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06', 12: '55210055400013' })],
      },
      {
        title: 'Versement à la DGFIP payé par un autre établissement de l’entreprise',
        fails: false,
        edits: [dgfipPayment({ 3: undefined, 4: undefined, 5: '0.00', 10: '06', 12: otherSiret })],
      },
    ],
  },
  crmOnlyForPastPeriod('S21.G00.20.013/CCH-11', dateAt('S21.G00.20.006'), dateAt('S21.G00.20.007'), {
    examples: () => [
      {
        title: 'Identifiant de CRM sur le versement du mois',
        fails: true,
        edits: [payment({ 13: 'CRM0001' })],
      },
      {
        title: 'Identifiant de CRM sur un versement de régularisation de décembre',
        fails: false,
        edits: [payment({ 6: '01122025', 7: '31122025', 13: 'CRM0001' })],
      },
    ],
  }),
  requiredWhen('S21.G00.20.014/CCH-11', is(ref('S21.G00.20.002'), 'DGFIP_SATD'), {
    examples: () => [
      {
        title: 'Saisie administrative à tiers détenteur sans identifiant du versement',
        fails: true,
        edits: [dgfipPayment({ 2: 'DGFIP_SATD' })],
      },
      {
        title: 'Saisie administrative à tiers détenteur avec son identifiant',
        fails: false,
        edits: [dgfipPayment({ 2: 'DGFIP_SATD', 14: 'SATD2026000001' })],
      },
    ],
  }),
  {
    id: 'S21.G00.55.003/CCH-11',
    check(component, ctx) {
      const code = component.rubric(3);
      const b = component.parent;
      if (code === undefined || b === null) return;
      if (!adhesionWith(b, b.value(1), b.value(8), code.value)) ctx.fail(code);
    },
    examples: () => [
      {
        title: 'Composant affecté à un contrat absent des adhésions de l’organisme',
        fails: true,
        edits: [providentPayment({}, { 3: 'CONTRAT-SANTE' })],
      },
      { title: 'Composant affecté au contrat de l’adhésion', fails: false, edits: [providentPayment()] },
    ],
  },
  {
    id: 'S21.G00.55.004/CCH-11',
    check(component, ctx) {
      const period = component.rubric(4);
      if (period !== undefined && periodAfterLatest(period.value, ctx)) ctx.fail(period);
    },
    examples: () => [
      {
        title: 'Période d’affectation mars 2026 pour une déclaration de janvier',
        fails: true,
        edits: [providentPayment({}, { 4: '2026M03' })],
      },
      {
        title: 'Période d’affectation février 2026 (mois suivant)',
        fails: false,
        edits: [providentPayment({}, { 4: '2026M02' })],
      },
      {
        title: 'Deuxième trimestre 2026 : au-delà du trimestre suivant le dernier révolu (T4 2025)',
        fails: true,
        edits: [providentPayment({}, { 4: '2026T02' })],
      },
      { title: 'Premier trimestre 2026', fails: false, edits: [providentPayment({}, { 4: '2026T01' })] },
      { title: 'Année 2026', fails: false, edits: [providentPayment({}, { 4: '2026A00' })] },
    ],
  },
  crmOnlyForPastPeriod('S21.G00.55.005/CCH-11', dateAt('S21.G00.20.006'), dateAt('S21.G00.20.007'), {
    examples: () => [
      {
        title: 'Identifiant de CRM sur un composant du versement du mois',
        fails: true,
        edits: [providentPayment({}, { 5: 'CRM0001' })],
      },
      {
        title: 'Identifiant de CRM sur un composant d’un versement de régularisation',
        fails: false,
        edits: [providentPayment({ 6: '01122025', 7: '31122025' }, { 4: '2025M12', 5: 'CRM0001' })],
      },
    ],
  }),
];
