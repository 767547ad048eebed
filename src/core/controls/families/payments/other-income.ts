import type { Control } from '../../control.ts';
import { namesAContract } from '../../lib/contract-numbers.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { dateAt, notBefore } from '../../lib/periods.ts';
import { after, endOfContract, underPayment } from './shared.ts';

/**
 * Autre élément de revenu brut (S21.G00.54) and Elément de revenu associé à des droits
 * spécifiques (S21.G00.59, P27V01 on).
 */

/** Types of S21.G00.54.001 that may be dated after the declared month, per version. */
const futureAllowedP25 = new Set(['92', '93']);
const futureAllowed = new Set(['92', '93', '37']);

const otherIncome = (type: string, start: string, end: string, contract?: string) =>
  underPayment(
    `S21.G00.54.001,'${type}'`,
    "S21.G00.54.002,'50.00'",
    `S21.G00.54.003,'${start}'`,
    `S21.G00.54.004,'${end}'`,
    ...(contract === undefined ? [] : [`S21.G00.54.005,'${contract}'`]),
  );
const specificRights = (start: string, end: string, contract?: string) =>
  underPayment(
    "S21.G00.59.001,'001'",
    "S21.G00.59.002,'50.00'",
    `S21.G00.59.004,'${start}'`,
    `S21.G00.59.005,'${end}'`,
    ...(contract === undefined ? [] : [`S21.G00.59.006,'${contract}'`]),
  );
const previousNumber = after('S21.G00.40.040', "S21.G00.45.001,'73282932000074'", "S21.G00.45.002,'00009'");

export const otherIncomeControls: Control[] = [
  notBefore('S21.G00.54.004/CCH-11', dateAt('S21.G00.54.003'), {
    examples: () => [
      {
        title: 'Titres-restaurant rattachés à une période inversée',
        fails: true,
        edits: [otherIncome('17', '31012026', '01012026')],
      },
      {
        title: 'Titres-restaurant rattachés à un seul jour',
        fails: false,
        edits: [otherIncome('17', '15012026', '15012026')],
      },
    ],
  }),
  notAfterDeclaredMonth('S21.G00.54.004/SIG-12', {
    versions: ['P24V01'],
    examples: () => [
      {
        title: 'Période de rattachement finissant en février',
        fails: true,
        edits: [otherIncome('17', '01012026', '28022026')],
      },
      {
        title: 'Période de rattachement finissant en janvier',
        fails: false,
        edits: [otherIncome('17', '01012026', '31012026')],
      },
    ],
  }),
  notAfterDeclaredMonth('S21.G00.54.004/SIG-12', {
    versions: ['P25V01'],
    when: (block) => !futureAllowedP25.has(block.value(1) ?? ''),
    examples: () => [
      {
        title: 'Titres-restaurant rattachés à février',
        fails: true,
        edits: [otherIncome('17', '01022026', '28022026')],
      },
      {
        title: 'Cotisation frais de santé (92) rattachée à février',
        fails: false,
        edits: [otherIncome('92', '01022026', '28022026')],
      },
    ],
  }),
  notAfterDeclaredMonth('S21.G00.54.004/SIG-12', {
    versions: ['P26V01', 'P27V01'],
    when: (block) => !futureAllowed.has(block.value(1) ?? ''),
    examples: () => [
      {
        title: 'Titres-restaurant rattachés à février',
        fails: true,
        edits: [otherIncome('17', '01022026', '28022026')],
      },
      {
        title: 'Participation versée directement (37) rattachée à février',
        fails: false,
        edits: [otherIncome('37', '01022026', '28022026')],
      },
    ],
  }),
  namesAContract('S21.G00.54.005/CCH-11', ['01'], false, {
    examples: () => [
      {
        title: 'Avantage en nature rattaché à un contrat inconnu',
        fails: true,
        edits: [otherIncome('02', '01012026', '31012026', '00002')],
      },
      {
        title: "Avantage en nature rattaché au contrat de l'individu",
        fails: false,
        edits: [otherIncome('02', '01012026', '31012026', '00001')],
      },
    ],
  }),
  namesAContract('S21.G00.54.005/CCH-12', ['07'], true, {
    examples: () => [
      {
        title: 'FCTU : avantage en nature rattaché à un numéro inconnu',
        fails: true,
        edits: [endOfContract, otherIncome('02', '01012026', '31012026', '00009')],
      },
      {
        title: 'FCTU : avantage en nature rattaché au numéro déclaré précédemment',
        fails: false,
        edits: [endOfContract, previousNumber, otherIncome('02', '01012026', '31012026', '00009')],
      },
    ],
  }),
  notBefore('S21.G00.59.005/CCH-11', dateAt('S21.G00.59.004'), {
    examples: () => [
      {
        title: 'Élément de revenu rattaché à une période inversée',
        fails: true,
        edits: [specificRights('31012026', '01012026')],
      },
      {
        title: 'Élément de revenu rattaché à un seul jour',
        fails: false,
        edits: [specificRights('15012026', '15012026')],
      },
    ],
  }),
  notAfterDeclaredMonth('S21.G00.59.005/SIG-12', {
    examples: () => [
      {
        title: 'Élément de revenu rattaché à février',
        fails: true,
        edits: [specificRights('01022026', '28022026')],
      },
      {
        title: 'Élément de revenu rattaché à janvier',
        fails: false,
        edits: [specificRights('01012026', '31012026')],
      },
    ],
  }),
  namesAContract('S21.G00.59.006/CCH-11', ['01'], false, {
    examples: () => [
      {
        title: 'Élément de revenu rattaché à un contrat inconnu',
        fails: true,
        edits: [specificRights('01012026', '31012026', '00002')],
      },
      {
        title: "Élément de revenu rattaché au contrat de l'individu",
        fails: false,
        edits: [specificRights('01012026', '31012026', '00001')],
      },
    ],
  }),
  namesAContract('S21.G00.59.006/CCH-12', ['07'], true, {
    examples: () => [
      {
        title: 'FCTU : élément de revenu rattaché à un numéro inconnu',
        fails: true,
        edits: [endOfContract, specificRights('01012026', '31012026', '00009')],
      },
      {
        title: 'FCTU : élément de revenu rattaché au numéro déclaré précédemment',
        fails: false,
        edits: [endOfContract, previousNumber, specificRights('01012026', '31012026', '00009')],
      },
    ],
  }),
];
