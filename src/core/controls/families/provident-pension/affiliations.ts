import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { countChildren, someChild } from '../../lib/children.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { establishment, individualOf } from '../../lib/declaration.ts';
import { dateAt, notBefore } from '../../lib/periods.ts';
import { isOther, ref, requiredIff, is, valueRule, valuesForbiddenWhen } from '../../lib/rules.ts';
import { birthYearPlausible } from '../../lib/years.ts';
import { birthYear, nirDepartmentRule, notTrailingNines } from '../individual/nir.ts';
import { adhesion, affiliation, affiliationLines, blockLines } from './fixtures.ts';

/**
 * Affiliation prévoyance (S21.G00.70) and its ayants droit (S21.G00.73), retraite complémentaire
 * (S21.G00.71) and affiliation à tort (S21.G00.72), under a contract (S21.G00.40).
 */

const mission = '03';
/** Occupations (PCS-ESE) of the performing arts and broadcasting, which share an affiliation. */
const artsOccupations = new Set(['352a', '353b', '353c', '354b', '354c', '354e', '354f', '465b', '637c']);
/** Their collective agreements (IDCC), for an affiliation applicable to several contracts. */
const artsAgreements = new Set(['0892', '1480', '1922', '2412', '2642', '2770', '3241']);

/** Calls `visit` for each affiliation of the individual, with its contract. */
function eachAffiliation(individual: Block, visit: (affiliation: Block, contract: Block) => void): void {
  for (const contract of individual.children) {
    if (contract.id !== 'S21.G00.40') continue;
    for (const a of contract.children) if (a.id === 'S21.G00.70') visit(a, contract);
  }
}

const sameValues = (a: Block, b: Block, numbers: readonly number[]) =>
  numbers.every((n) => a.value(n) === b.value(n));

/**
 * The exception to the uniqueness of an affiliation id: every affiliation carrying it points to the
 * same adhesion with the same option and population, from contracts with the same status,
 * category, public scheme and agreement that are all missions (or, from P27V01, all of the
 * performing-arts occupations).
 */
function sharedAffiliation(group: [Block, Block][], ctx: ControlContext): boolean {
  const [first, firstContract] = group[0]!;
  const arts = ctx.norm.version === 'P27V01';
  const allMissions = group.every(([, c]) => c.value(7) === mission);
  const allArts = arts && group.every(([, c]) => artsOccupations.has(c.value(4) ?? ''));
  if (!allMissions && !allArts) return false;
  return group.every(
    ([a, c]) => sameValues(a, first, [4, 5, 13]) && sameValues(c, firstContract, [2, 3, 8, 17]),
  );
}

const contract = (
  nature: string,
  number: string,
  fields: Record<number, string> = {},
  ...more: string[][]
): Edit => ({
  insertBefore: 'S21.G00.50.001',
  lines: [
    ...blockLines('S21.G00.40', {
      1: '01012026',
      2: '04',
      3: '04',
      4: '512a',
      7: nature,
      8: '99',
      9: number,
      17: '0843',
      ...fields,
    }),
    ...more.flat(),
    "S21.G00.71.002,'RUAA'",
  ],
});
const firstContract = (fields: Record<number, string>): Edit[] =>
  Object.entries(fields).map(([n, value]) => ({ set: `S21.G00.40.${n.padStart(3, '0')}`, value }));
const pension = (value: string): Edit => ({ set: 'S21.G00.71.002', value });
const dependant = (fields: Record<number, string | undefined>): Edit =>
  affiliation({}, blockLines('S21.G00.73', { 3: '02', 5: '12032015', 6: 'MARTIN', 9: 'LEA', ...fields }));

export const affiliationControls: Control[] = [
  {
    id: 'S21.G00.70.012/CCH-11',
    check(a, ctx) {
      if (ctx.nature !== '01') return;
      const id = a.rubric(12);
      const individual = individualOf(a);
      if (id === undefined || individual === undefined) return;
      // The rule is reported on the repeats: the first affiliation with the id stays silent.
      let first: Block | undefined;
      eachAffiliation(individual, (other) => {
        if (first === undefined && other.value(12) === id.value) first = other;
      });
      if (first === a) return;
      const group: [Block, Block][] = [];
      eachAffiliation(individual, (other, c) => {
        if (other.value(12) === id.value) group.push([other, c]);
      });
      if (!sharedAffiliation(group, ctx)) ctx.fail(id);
    },
    examples: () => [
      {
        title: 'Même identifiant d’affiliation sur deux contrats de droit commun',
        fails: true,
        edits: [adhesion(), affiliation(), contract('01', '00002', {}, affiliationLines())],
      },
      {
        title: 'Même identifiant d’affiliation sur deux contrats de mission identiques',
        fails: false,
        edits: [
          ...firstContract({ 7: mission }),
          adhesion(),
          affiliation(),
          contract(mission, '00002', {}, affiliationLines()),
        ],
      },
      {
        title: 'Deux contrats de mission dont les codes option diffèrent',
        fails: true,
        edits: [
          ...firstContract({ 7: mission }),
          adhesion(),
          affiliation(),
          contract(mission, '00002', {}, affiliationLines({ 4: 'OPT2' })),
        ],
      },
      {
        title: 'Deux contrats d’artiste (354b) de même convention : admis depuis P27V01',
        fails: false,
        versions: ['P27V01'],
        edits: [
          ...firstContract({ 4: '354b' }),
          adhesion(),
          affiliation(),
          contract('01', '00002', { 4: '354b' }, affiliationLines()),
        ],
      },
      {
        title: 'Deux contrats d’artiste (354b) de droit commun avant P27V01',
        fails: true,
        versions: ['P24V01', 'P25V01', 'P26V01'],
        edits: [
          ...firstContract({ 4: '354b' }),
          adhesion(),
          affiliation(),
          contract('01', '00002', { 4: '354b' }, affiliationLines()),
        ],
      },
    ],
  },
  {
    id: 'S21.G00.70.013/CCH-11',
    check(a, ctx) {
      const id = a.rubric(13);
      const est = establishment(ctx);
      if (id === undefined || est === undefined) return;
      if (!someChild(est, 'S21.G00.15', (adh) => adh.value(5) === id.value)) ctx.fail(id);
    },
    examples: () => [
      {
        title: 'Affiliation à une adhésion non déclarée',
        fails: true,
        edits: [adhesion(), affiliation({ 13: '2' })],
      },
      { title: 'Affiliation à l’adhésion déclarée', fails: false, edits: [adhesion(), affiliation()] },
    ],
  },
  {
    id: 'S21.G00.70.013/CCH-12',
    check(a, ctx) {
      const contractBlock = a.parent;
      if (contractBlock === null || !a.has(13)) return;
      for (const other of contractBlock.children) {
        if (other === a) return;
        if (other.id === 'S21.G00.70' && sameValues(other, a, [4, 5, 13])) return ctx.fail(a.rubric(13)!);
      }
    },
    examples: () => [
      {
        title: 'Deux affiliations du contrat avec la même option, la même population et la même adhésion',
        fails: true,
        edits: [adhesion(), affiliation({}, affiliationLines({ 12: '12' }))],
      },
      {
        title: 'Deux affiliations du contrat avec des options différentes',
        fails: false,
        edits: [adhesion(), affiliation({}, affiliationLines({ 4: 'OPT2', 12: '12' }))],
      },
    ],
  },
  notAfterDeclaredMonth('S21.G00.70.014/SIG-11', {
    examples: () => [
      {
        title: 'Affiliation commençant le mois suivant',
        fails: true,
        edits: [adhesion(), affiliation({ 14: '01022026' })],
      },
      {
        title: 'Affiliation commençant dans le mois déclaré',
        fails: false,
        edits: [adhesion(), affiliation({ 14: '01012026' })],
      },
    ],
  }),
  notBefore('S21.G00.70.015/CCH-11', dateAt('S21.G00.70.014'), {
    examples: () => [
      {
        title: 'Affiliation finissant avant de commencer',
        fails: true,
        edits: [adhesion(), affiliation({ 14: '15012026', 15: '14012026' })],
      },
      {
        title: 'Affiliation d’un jour',
        fails: false,
        edits: [adhesion(), affiliation({ 14: '15012026', 15: '15012026' })],
      },
    ],
  }),
  notAfterDeclaredMonth('S21.G00.70.015/SIG-12', {
    examples: () => [
      {
        title: 'Affiliation finissant le mois suivant',
        fails: true,
        edits: [adhesion(), affiliation({ 15: '28022026' })],
      },
      {
        title: 'Affiliation finissant dans le mois déclaré',
        fails: false,
        edits: [adhesion(), affiliation({ 15: '31012026' })],
      },
    ],
  }),
  {
    id: 'S21.G00.70.016/CCH-11',
    check(a, ctx) {
      const several = a.rubric(16);
      const individual = individualOf(a);
      if (several === undefined || individual === undefined) return;
      const missions = countChildren(individual, 'S21.G00.40', (c) => c.value(7) === mission);
      const arts = countChildren(
        individual,
        'S21.G00.40',
        (c) => artsOccupations.has(c.value(4) ?? '') && artsAgreements.has(c.value(17) ?? ''),
      );
      if (missions < 2 && arts < 2) ctx.fail(several);
    },
    examples: () => [
      {
        title: 'Affiliation applicable à plusieurs contrats pour un seul contrat de mission',
        fails: true,
        edits: [...firstContract({ 7: mission }), adhesion(), affiliation({ 16: '01' })],
      },
      {
        title: 'Affiliation applicable à plusieurs contrats pour deux contrats de mission',
        fails: false,
        edits: [
          ...firstContract({ 7: mission }),
          adhesion(),
          affiliation({ 16: '01' }),
          contract(mission, '00002', {}, affiliationLines({ 16: '01' })),
        ],
      },
      {
        title: 'Deux contrats d’artiste de la convention 2642',
        fails: false,
        edits: [
          ...firstContract({ 4: '354b', 17: '2642' }),
          adhesion(),
          affiliation({ 16: '01' }),
          contract('01', '00002', { 4: '354b', 17: '2642' }),
        ],
      },
      {
        title: 'Deux contrats d’artiste hors des conventions du spectacle',
        fails: true,
        edits: [
          ...firstContract({ 4: '354b' }),
          adhesion(),
          affiliation({ 16: '01' }),
          contract('01', '00002', { 4: '354b' }),
        ],
      },
    ],
  },
  valueRule(
    'S21.G00.71.002/CCH-12',
    (code, pensionBlock) =>
      code === '90000' &&
      pensionBlock.parent !== null &&
      countChildren(pensionBlock.parent, 'S21.G00.71') > 1,
    {
      examples: () => [
        {
          title: 'Absence de retraite complémentaire et affiliation Agirc-Arrco sur le même contrat',
          fails: true,
          edits: [pension('90000'), { insertAfter: 'S21.G00.71.002', lines: ["S21.G00.71.002,'RUAA'"] }],
        },
        { title: 'Absence de retraite complémentaire seule', fails: false, edits: [pension('90000')] },
      ],
    },
  ),
  valueRule(
    'S21.G00.71.002/CCH-13',
    (code, pensionBlock) => {
      if (code !== 'RETC') return false;
      const c = pensionBlock.parent;
      const category = c?.value(3);
      if (category === undefined) return false;
      return !(category === '01' || category === '02' || (category === '04' && c?.value(2) === '04'));
    },
    {
      examples: () => [
        {
          title: 'Retraite ARRCO et AGIRC pour un non-cadre employé',
          fails: true,
          edits: [pension('RETC'), ...firstContract({ 2: '06' })],
        },
        {
          title: 'Retraite ARRCO et AGIRC pour un cadre (article 4)',
          fails: false,
          edits: [pension('RETC'), ...firstContract({ 3: '01' })],
        },
        {
          title: 'Retraite ARRCO et AGIRC pour un non-cadre « autre cadre » conventionnel',
          fails: false,
          edits: [pension('RETC')],
        },
      ],
    },
  ),
  valuesForbiddenWhen('S21.G00.71.002/SIG-11', ['CRPCEN'], isOther(ref('S21.G00.40.016'), '01'), {
    examples: () => [
      {
        title: 'CRPCEN pour un salarié hors régime local Alsace-Moselle',
        fails: true,
        edits: [pension('CRPCEN')],
      },
      {
        title: 'CRPCEN pour un salarié du régime local Alsace-Moselle',
        fails: false,
        edits: [pension('CRPCEN'), ...firstContract({ 16: '01' })],
      },
    ],
  }),
  valueRule(
    'S21.G00.71.002/SIG-14',
    (code, pensionBlock) => code !== '90000' && pensionBlock.parent?.value(20) === '140',
    {
      examples: () => [
        {
          title: 'Clerc de notaire (CRPCEN) avec un régime Agirc-Arrco',
          fails: true,
          edits: [...firstContract({ 20: '140' })],
        },
        {
          title: 'Clerc de notaire sans régime complémentaire',
          fails: false,
          edits: [...firstContract({ 20: '140' }), pension('90000')],
        },
      ],
    },
  ),
  requiredIff('S21.G00.71.003/SIG-11', is(ref('S21.G00.71.002'), 'IRCANTEC'), {
    examples: () => [
      { title: 'IRCANTEC sans référence adhésion employeur', fails: true, edits: [pension('IRCANTEC')] },
      {
        title: 'Référence adhésion employeur pour un régime Agirc-Arrco',
        fails: true,
        edits: [{ insertAfter: 'S21.G00.71.002', lines: ["S21.G00.71.003,'ADH123'"] }],
      },
      {
        title: 'IRCANTEC avec sa référence adhésion employeur',
        fails: false,
        edits: [pension('IRCANTEC'), { insertAfter: 'S21.G00.71.002', lines: ["S21.G00.71.003,'ADH123'"] }],
      },
    ],
  }),
  valueRule(
    'S21.G00.72.001/CCH-11',
    (code, wrong) => {
      const current = wrong.parent?.value(2);
      return current !== 'IRCANTEC' && code === current;
    },
    {
      examples: () => [
        {
          title: 'Affiliation à tort au régime même de l’affiliation déclarée',
          fails: true,
          edits: [{ insertAfter: 'S21.G00.71.002', lines: ["S21.G00.72.001,'RUAA'"] }],
        },
        {
          title: 'Affiliation à tort à un autre régime',
          fails: false,
          edits: [{ insertAfter: 'S21.G00.71.002', lines: ["S21.G00.72.001,'CRPNPAC'"] }],
        },
      ],
    },
  ),
  valueRule('S21.G00.72.002/CCH-11', (reference, wrong) => reference === wrong.parent?.value(3), {
    examples: () => [
      {
        title: 'Référence déclarée à tort identique à la référence IRCANTEC actuelle',
        fails: true,
        edits: [
          pension('IRCANTEC'),
          {
            insertAfter: 'S21.G00.71.002',
            lines: ["S21.G00.71.003,'ADH123'", "S21.G00.72.001,'IRCANTEC'", "S21.G00.72.002,'ADH123'"],
          },
        ],
      },
      {
        title: 'Référence déclarée à tort différente',
        fails: false,
        edits: [
          pension('IRCANTEC'),
          {
            insertAfter: 'S21.G00.71.002',
            lines: ["S21.G00.71.003,'ADH123'", "S21.G00.72.001,'IRCANTEC'", "S21.G00.72.002,'ADH999'"],
          },
        ],
      },
    ],
  }),
  requiredIff('S21.G00.72.002/SIG-12', is(ref('S21.G00.72.001'), 'IRCANTEC'), {
    examples: () => [
      {
        title: 'Affiliation à tort à l’IRCANTEC sans référence déclarée à tort',
        fails: true,
        edits: [{ insertAfter: 'S21.G00.71.002', lines: ["S21.G00.72.001,'IRCANTEC'"] }],
      },
      {
        title: 'Affiliation à tort à l’IRCANTEC avec sa référence',
        fails: false,
        edits: [
          { insertAfter: 'S21.G00.71.002', lines: ["S21.G00.72.001,'IRCANTEC'", "S21.G00.72.002,'ADH999'"] },
        ],
      },
    ],
  }),
  notAfterDeclaredMonth('S21.G00.73.004/SIG-11', {
    examples: () => [
      {
        title: 'Ayant droit rattaché à partir du mois suivant',
        fails: true,
        edits: [adhesion(), dependant({ 4: '01022026' })],
      },
      {
        title: 'Ayant droit rattaché depuis le mois déclaré',
        fails: false,
        edits: [adhesion(), dependant({ 4: '01012026' })],
      },
    ],
  }),
  birthYearPlausible('S21.G00.73.005/CCH-11', {
    examples: () => [
      {
        title: 'Ayant droit né en 1900',
        fails: true,
        today: 20260205,
        edits: [adhesion(), dependant({ 5: '12031900' })],
      },
      { title: 'Ayant droit né en 2015', fails: false, today: 20260205, edits: [adhesion(), dependant({})] },
      {
        title: 'Ayant droit né l’an prochain',
        fails: true,
        today: 20260205,
        edits: [adhesion(), dependant({ 5: '12032027' })],
      },
    ],
  }),
  nirDepartmentRule('S21.G00.73.007/CCH-11', (d) => birthYear(d.value(5)), {
    examples: () => [
      {
        title: 'Ayant droit né en Corse en 2015 avec un département 20',
        fails: true,
        edits: [adhesion(), dependant({ 7: '2150320123456' })],
      },
      {
        title: 'Ayant droit né en Corse-du-Sud (2A) en 2015',
        fails: false,
        edits: [adhesion(), dependant({ 7: '215032A123456' })],
      },
    ],
  }),
  notTrailingNines('S21.G00.73.007/CCH-12', {
    examples: () => [
      {
        title: 'NIR d’ayant droit finissant par six 9',
        fails: true,
        edits: [adhesion(), dependant({ 7: '2150375999999' })],
      },
      {
        title: 'NIR d’ayant droit complet',
        fails: false,
        edits: [adhesion(), dependant({ 7: '2150375123456' })],
      },
    ],
  }),
  notBefore('S21.G00.73.011/CCH-11', dateAt('S21.G00.73.004'), {
    examples: () => [
      {
        title: 'Fin de rattachement de l’ayant droit avant son début',
        fails: true,
        edits: [adhesion(), dependant({ 4: '01012026', 11: '31122025' })],
      },
      {
        title: 'Fin de rattachement après le début',
        fails: false,
        edits: [adhesion(), dependant({ 4: '01012025', 11: '31122025' })],
      },
    ],
  }),
];
