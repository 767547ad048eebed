import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { namesAContract } from '../../lib/contract-numbers.ts';
import { declaredMonth } from '../../lib/declaration.ts';
import { monthKey } from '../../lib/values.ts';

/**
 * Blocks of an individual other than its contracts and payments: Compte professionnel de
 * prévention (S21.G00.34), Ancienneté (S21.G00.86), Saisie administrative à tiers détenteur
 * (S21.G00.98).
 */

const set = (rubric: string, value: string): Edit => ({ set: rubric, value });
const beforeFooter = (...lines: string[]): Edit => ({ insertBefore: 'S90.G00.90.001', lines });
const prevention = (contract: string): Edit => ({
  insertAfter: 'S21.G00.30.015',
  lines: ["S21.G00.34.001,'08'", `S21.G00.34.002,'${contract}'`, "S21.G00.34.003,'2026'"],
});
const seniority = (type: string, unit: string, value: string, contract = '00001'): string[] => [
  `S21.G00.86.001,'${type}'`,
  `S21.G00.86.002,'${unit}'`,
  `S21.G00.86.003,'${value}'`,
  `S21.G00.86.005,'${contract}'`,
];
/** An affiliation to a provident contract (S21.G00.70) under the contract of `minimal`. */
const provident: Edit = {
  insertAfter: 'S21.G00.40.040',
  lines: ["S21.G00.70.012,'1'", "S21.G00.70.013,'1'"],
};
const satd = (month: string): Edit =>
  beforeFooter(
    "S21.G00.98.001,'SATD0001'",
    "S21.G00.98.002,'02'",
    "S21.G00.98.003,'0.00'",
    `S21.G00.98.004,'${month}'`,
  );

/** Régimes de base vieillesse that give rights to the compte professionnel de prévention. */
const preventionRegimes = new Set(['157', '200', '300', '905']);
/** Natures of contract (S21.G00.40.007) that need a seniority in the company in a monthly DSN. */
const companySeniorityNatures = new Set(['01', '02', '03', '07', '08', '82', '91', '92']);
const zero = /^0+$/;
/** Seniority limits per unit (S21.G00.86.002): 99 years, 99 × 12 months, 99 × 366 days. */
const seniorityLimit: Record<string, number> = { '01': 36234, '02': 1188, '03': 99 };

/** Whether an individual's seniority blocks include one of `types`. */
function hasSeniority(individual: Block, a: string, b?: string): boolean {
  const children = individual.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id !== 'S21.G00.86') continue;
    const type = c.value(1);
    if (type === a || (b !== undefined && type === b)) return true;
  }
  return false;
}

export const relatedControls: Control[] = [
  {
    id: 'S21.G00.34.001/CCH-11',
    check(block, ctx) {
      const number = block.value(2);
      const individual = block.parent;
      if (number === undefined || individual === null) return;
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id === 'S21.G00.40' && c.value(9) === number && preventionRegimes.has(c.value(20) ?? ''))
          return;
      }
      ctx.fail(block.rubric(1) ?? block);
    },
    examples: () => [
      {
        title: 'Exposition déclarée pour un contrat relevant de la CNRACL (régime 120)',
        fails: true,
        edits: [prevention('00001'), set('S21.G00.40.020', '120')],
      },
      {
        title: 'Exposition déclarée pour un contrat inexistant',
        fails: true,
        edits: [prevention('00002')],
      },
      {
        title: 'Exposition déclarée pour un contrat du régime général (200)',
        fails: false,
        edits: [prevention('00001')],
      },
    ],
  },
  namesAContract('S21.G00.34.002/CCH-11', null, false, {
    examples: () => [
      {
        title: 'Exposition rattachée à un numéro de contrat inconnu',
        fails: true,
        edits: [prevention('00009')],
      },
      { title: "Exposition rattachée au contrat de l'individu", fails: false, edits: [prevention('00001')] },
    ],
  }),
  {
    id: 'S21.G00.86.001/CCH-12',
    block: 'S21.G00.30',
    check(individual, ctx) {
      const nature = ctx.nature;
      if (nature !== '01' && nature !== '07' && nature !== '08') return;
      let provident = false;
      let notOnlyMissions = false;
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id !== 'S21.G00.40') continue;
        if (c.value(7) !== '03') notOnlyMissions = true;
        if (!provident && c.first('S21.G00.70') !== undefined) provident = true;
      }
      if (provident && notOnlyMissions && !hasSeniority(individual, '06', '07')) ctx.fail(individual);
    },
    examples: () => [
      {
        title: 'CDI affilié à un contrat de prévoyance sans ancienneté dans le groupe ni dans l’entreprise',
        fails: true,
        edits: [provident, beforeFooter(...seniority('04', '02', '12'))],
      },
      {
        title: 'CDI affilié à un contrat de prévoyance avec une ancienneté dans le groupe',
        fails: false,
        edits: [provident, beforeFooter(...seniority('06', '02', '12'))],
      },
      {
        title: 'Contrat de mission affilié à un contrat de prévoyance sans ancienneté',
        fails: false,
        edits: [provident, set('S21.G00.40.007', '03')],
      },
    ],
  },
  {
    id: 'S21.G00.86.001/CCH-13',
    check(block, ctx) {
      const type = block.rubric(1);
      const individual = block.parent;
      if (type === undefined || individual === null) return;
      const contract = block.value(5);
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c === block) return;
        if (c.id === 'S21.G00.86' && c.value(1) === type.value && c.value(5) === contract)
          return ctx.fail(type);
      }
    },
    examples: () => [
      {
        title: 'Deux anciennetés dans l’entreprise pour le même contrat',
        fails: true,
        edits: [beforeFooter(...seniority('07', '02', '70'), ...seniority('07', '03', '5'))],
      },
      {
        title: 'Ancienneté dans l’entreprise et dans le poste pour le même contrat',
        fails: false,
        edits: [beforeFooter(...seniority('07', '02', '70'), ...seniority('04', '02', '12'))],
      },
    ],
  },
  {
    id: 'S21.G00.86.001/CCH-14',
    block: 'S21.G00.30',
    check(individual, ctx) {
      if (ctx.nature !== '01') return;
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id === 'S21.G00.40' && companySeniorityNatures.has(c.value(7) ?? '')) {
          if (!hasSeniority(individual, '07')) ctx.fail(individual);
          return;
        }
      }
    },
    examples: () => [
      {
        title: 'CDI sans ancienneté dans l’entreprise',
        fails: true,
        edits: [beforeFooter(...seniority('04', '02', '12'))],
      },
      {
        title: 'CDI avec une ancienneté dans l’entreprise',
        fails: false,
        edits: [beforeFooter(...seniority('07', '02', '70'))],
      },
      {
        title: "Convention de stage (29) sans ancienneté dans l'entreprise",
        fails: false,
        edits: [set('S21.G00.40.007', '29')],
      },
    ],
  },
  {
    id: 'S21.G00.86.003/CCH-11',
    check(block, ctx) {
      const value = block.rubric(3);
      const limit = seniorityLimit[block.value(2) ?? ''];
      // "Inférieure à 99" in the rule, "supérieure à 99 ans" in the message: the limit itself is accepted.
      if (value !== undefined && limit !== undefined && Number(value.value) > limit) ctx.fail(value);
    },
    examples: () => [
      { title: 'Ancienneté de 100 ans', fails: true, edits: [beforeFooter(...seniority('07', '03', '100'))] },
      {
        title: 'Ancienneté de 1189 mois',
        fails: true,
        edits: [beforeFooter(...seniority('07', '02', '1189'))],
      },
      {
        title: 'Ancienneté de 1188 mois',
        fails: false,
        edits: [beforeFooter(...seniority('07', '02', '1188'))],
      },
      {
        title: 'Ancienneté de 36000 jours',
        fails: false,
        edits: [beforeFooter(...seniority('07', '01', '36000'))],
      },
    ],
  },
  {
    id: 'S21.G00.86.003/CCH-12',
    check(block, ctx) {
      const value = block.rubric(3);
      // Every type of the enumeration (02, 03, 04, 06, 07) is listed by the rule.
      if (value !== undefined && zero.test(value.value) && block.has(1)) ctx.fail(value);
    },
    examples: () => [
      {
        title: 'Ancienneté dans le poste de 0 mois',
        fails: true,
        edits: [beforeFooter(...seniority('04', '02', '0'))],
      },
      {
        title: 'Ancienneté dans le poste de 1 mois',
        fails: false,
        edits: [beforeFooter(...seniority('04', '02', '1'))],
      },
    ],
  },
  namesAContract('S21.G00.86.005/CCH-11', null, false, {
    examples: () => [
      {
        title: 'Ancienneté rattachée à un contrat inconnu',
        fails: true,
        edits: [beforeFooter(...seniority('07', '02', '70', '00002'))],
      },
      {
        title: "Ancienneté rattachée au contrat de l'individu",
        fails: false,
        edits: [beforeFooter(...seniority('07', '02', '70', '00001'))],
      },
    ],
  }),
  {
    id: 'S21.G00.98.004/CCH-11',
    check(block, ctx) {
      const rubric = block.rubric(4);
      const month = monthKey(rubric?.value);
      const declared = declaredMonth(ctx);
      if (
        rubric !== undefined &&
        month !== null &&
        declared !== null &&
        month >= Math.floor(declared.first / 100)
      )
        ctx.fail(rubric);
    },
    examples: () => [
      { title: 'Erreur de SATD située dans le mois déclaré', fails: true, edits: [satd('012026')] },
      { title: 'Erreur de SATD située le mois précédent', fails: false, edits: [satd('122025')] },
    ],
  },
];
