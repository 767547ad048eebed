import type { Edit } from '../../../examples/edit.ts';

/**
 * Blocks the examples add to the minimal declaration (one establishment, one employee, contract
 * 00001, January 2026): a prévoyance adhesion, the employee's affiliation to it, the payment's
 * base 31 that carries the contribution, payments to organisms and slips. Each takes overrides by
 * rubric number; `undefined` removes a rubric.
 */

type Fields = Record<number, string | undefined>;

/** The lines of one block instance, in rubric order. */
export function blockLines(blockId: string, fields: Fields): string[] {
  return Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([n, v]) => [Number(n), v] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([n, v]) => `${blockId}.${String(n).padStart(3, '0')},'${v}'`);
}

export const providentOrganism = 'P0942';
export const establishmentSiret = '73282932000074';
/** Identifiant technique adhésion (S21.G00.15.005) and affiliation (S21.G00.70.012). */
export const adhesionId = '1';
export const affiliationId = '11';

/** S21.G00.15, after the establishment. */
export const adhesionLines = (fields: Fields = {}): string[] =>
  blockLines('S21.G00.15', { 1: 'CONTRAT-PREV', 2: providentOrganism, 4: '01', 5: adhesionId, ...fields });
export const adhesion = (fields: Fields = {}, more: string[] = []): Edit => ({
  insertAfter: 'S21.G00.11.022',
  lines: [...adhesionLines(fields), ...more],
});

/** S21.G00.70 of the first contract (before its S21.G00.71). */
export const affiliationLines = (fields: Fields = {}): string[] =>
  blockLines('S21.G00.70', {
    4: 'OPT1',
    5: 'POP1',
    12: affiliationId,
    13: adhesionId,
    14: '01032020',
    ...fields,
  });
export const affiliation = (fields: Fields = {}, more: string[] = []): Edit => ({
  insertBefore: 'S21.G00.71.002',
  lines: [...affiliationLines(fields), ...more],
});

/** A base 31 with one component (salaire brut prévoyance) and its 059 contribution. */
export const providentBaseLines = (base: Fields = {}, component: Fields = {}, contribution: Fields = {}) => [
  ...blockLines('S21.G00.78', {
    1: '31',
    2: '01012026',
    3: '31012026',
    4: '0.00',
    5: affiliationId,
    ...base,
  }),
  ...blockLines('S21.G00.79', { 1: '10', 4: '1800.00', ...component }),
  ...blockLines('S21.G00.81', { 1: '059', 4: '25.00', ...contribution }),
];

/** Blocks appended to the employee's payment (S21.G00.50), after its net social amount. */
export const inPayment = (...lines: string[][]): Edit => ({
  insertAfter: 'S21.G00.58.004',
  lines: lines.flat(),
});

/** A complete prévoyance set-up: adhesion, affiliation, base 31. */
export const providentSetup = (): Edit[] => [adhesion(), affiliation(), inPayment(providentBaseLines())];

/** S21.G00.20 (payment to an organism), after the establishment (and its adhesions). */
export const paymentLines = (fields: Fields = {}): string[] =>
  blockLines('S21.G00.20', {
    1: providentOrganism,
    3: 'BNPAFRPP',
    4: 'FR7630006000011234567890189',
    5: '25.00',
    6: '01012026',
    7: '31012026',
    10: '05',
    ...fields,
  });
export const componentLines = (fields: Fields = {}): string[] =>
  blockLines('S21.G00.55', { 1: '25.00', 3: 'CONTRAT-PREV', 4: '2026M01', ...fields });

/** Context blocks inserted after the establishment, in the order given (15, 82, 20, 22…). */
export const afterEstablishment = (...lines: string[][]): Edit => ({
  insertAfter: 'S21.G00.11.022',
  lines: lines.flat(),
});

/** S21.G00.22 (slip of contributions due) for an Urssaf. */
export const slipLines = (fields: Fields = {}): string[] =>
  blockLines('S21.G00.22', { 1: '78861779300013', 3: '01012026', 4: '31012026', 5: '420.00', ...fields });
export const aggregateLines = (fields: Fields = {}): string[] =>
  blockLines('S21.G00.23', { 1: '100', 2: '920', 4: '1800.00', 5: '420.00', ...fields });
