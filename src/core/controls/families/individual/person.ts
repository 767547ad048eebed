import type { Edit } from '../../../examples/edit.ts';
import type { Rubric } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { addressCoherence, localityRequired } from '../../lib/address.ts';
import { absent, all, is, isOther, ref, requiredWhen, valueRule } from '../../lib/rules.ts';
import { birthYearPlausible } from '../../lib/years.ts';
import { individualsOf } from './identifiers.ts';
import {
  birthYear,
  departmentExisted,
  nirDepartmentRule,
  notTrailingNines,
  notUnknownNir,
  nttCarriesSiren,
  nttStartsWithSex,
  nttWithoutSpace,
} from './nir.ts';

/** Individu (S21.G00.30) and Changements individu (S21.G00.31). */

const set = (rubric: string, value: string, occurrence?: number): Edit =>
  occurrence === undefined ? { set: rubric, value } : { set: rubric, value, occurrence };
const after = (rubric: string, ...lines: string[]): Edit => ({ insertAfter: rubric, lines });
const before = (rubric: string, ...lines: string[]): Edit => ({ insertBefore: rubric, lines });
const remove = (rubric: string, occurrence?: number): Edit =>
  occurrence === undefined ? { remove: rubric } : { remove: rubric, occurrence };
/** The individual of `minimal` identified by a NTT instead of its NIR. */
const byNtt = (ntt: string): Edit[] => [
  remove('S21.G00.30.001'),
  after('S21.G00.30.015', `S21.G00.30.020,'${ntt}'`),
];
const nonSalaried: Edit = before(
  'S90.G00.90.001',
  "S89.G00.91.001,'1700575123456'",
  "S89.G00.91.002,'MARTIN'",
  "S89.G00.91.004,'PAUL'",
  "S89.G00.91.006,'01051970'",
);
const priming = set('S20.G00.05.001', '08');
const today = 20260301;

/** Uniqueness of the NIR (`number` 1) or the NTT (20) among the individuals of a declaration. */
function uniqueInDeclaration(id: string, number: 1 | 20, examples: Control['examples']): Control {
  return {
    id,
    block: 'S21.G00.30',
    examples,
    requires: [{ rubric: number }],
    check(individual, ctx) {
      const state = individualsOf(ctx, individual);
      if (number === 1 ? state.nirSeen : state.nttSeen) ctx.fail(individual.rubric(number)!);
    },
  };
}

/**
 * Nature 08 (amorçage): an individual identified by this rubric excludes any non-salaried person
 * (S89.G00.91), which comes after every individual: the count is read at the end.
 */
function noNonSalariedInPriming(
  id: string,
  number: number,
  examples: Control['examples'],
): Control<{ at: Rubric | undefined }> {
  return {
    id,
    block: 'S21.G00.30',
    examples,
    state: () => ({ at: undefined }),
    check(individual, ctx, state) {
      if (ctx.nature === '08' && state.at === undefined) state.at = individual.rubric(number);
    },
    end(ctx, state) {
      const nonSalaried = ctx.norm.blockById.get('S89.G00.91');
      const node = ctx.declaration?.node;
      if (
        state.at !== undefined &&
        nonSalaried !== undefined &&
        node !== undefined &&
        node.countOf(nonSalaried) > 0
      )
        ctx.fail(state.at);
    },
  };
}

const apprenticeships = new Set(['64', '65', '81']);

export const personControls: Control[] = [
  nirDepartmentRule('S21.G00.30.001/CCH-11', (individual) => birthYear(individual.value(6)), {
    examples: () => [
      {
        title: 'NIR au département 2A pour une personne née en 1970',
        fails: true,
        edits: [set('S21.G00.30.001', '170072A123456'), set('S21.G00.30.006', '14071970')],
      },
      {
        title: 'NIR au département 96 pour une personne née en 1970',
        fails: true,
        edits: [set('S21.G00.30.001', '1700796123456'), set('S21.G00.30.006', '14071970')],
      },
      {
        title: 'NIR au département 2A pour une personne née en 1985',
        fails: false,
        edits: [set('S21.G00.30.001', '185072A123456')],
      },
      {
        title: 'NIR au département 20 pour une personne née en 1970',
        fails: false,
        edits: [set('S21.G00.30.001', '1700720123456'), set('S21.G00.30.006', '14071970')],
      },
    ],
  }),
  notUnknownNir('S21.G00.30.001/CCH-13', {
    examples: () => [
      {
        title: 'NIR inconnu écrit 1999999999999',
        fails: true,
        edits: [set('S21.G00.30.001', '1999999999999')],
      },
      { title: 'NIR réel', fails: false, edits: [set('S21.G00.30.001', '2850775123456')] },
    ],
  }),
  uniqueInDeclaration('S21.G00.30.001/CCH-14', 1, () => [
    {
      title: 'Deux individus déclarés avec le même NIR',
      fails: true,
      base: 'mensuelle',
      edits: [set('S21.G00.30.001', '2800627322767', 2)],
    },
    {
      title: 'Trois individus aux NIR distincts',
      fails: false,
      base: 'mensuelle',
      edits: [set('S21.G00.30.001', '2800627322768', 2)],
    },
  ]),
  noNonSalariedInPriming('S21.G00.30.001/CCH-15', 1, () => [
    {
      title: 'Amorçage avec un salarié identifié par son NIR et un non-salarié',
      fails: true,
      edits: [priming, nonSalaried],
    },
    { title: 'Amorçage avec un seul salarié identifié par son NIR', fails: false, edits: [priming] },
  ]),
  notTrailingNines('S21.G00.30.001/CCH-16', {
    examples: () => [
      { title: 'NIR terminé par six 9', fails: true, edits: [set('S21.G00.30.001', '1850775999999')] },
      { title: 'NIR terminé par cinq 9', fails: false, edits: [set('S21.G00.30.001', '1850775199999')] },
    ],
  }),
  valueRule(
    'S21.G00.30.006/CCH-11',
    (birth, individual) => {
      const nir = individual.value(1);
      // Characters 2-3 of the NIR are the last two digits of the birth year (7-8 of JJMMAAAA).
      return (
        nir !== undefined &&
        nir.length === 13 &&
        birth.length === 8 &&
        (nir[1] !== birth[6] || nir[2] !== birth[7])
      );
    },
    {
      examples: () => [
        {
          title: 'NIR de 1985 et date de naissance en 1986',
          fails: true,
          edits: [set('S21.G00.30.006', '14071986')],
        },
        {
          title: 'NIR de 1985 et date de naissance en 1985, jour inconnu',
          fails: false,
          edits: [set('S21.G00.30.006', '99071985')],
        },
      ],
    },
  ),
  birthYearPlausible('S21.G00.30.006/CCH-12', {
    examples: () => [
      {
        title: 'Né en 1906, année en cours 2026',
        fails: true,
        today,
        edits: [set('S21.G00.30.006', '14071906')],
      },
      {
        title: 'Né en 2027, année en cours 2026',
        fails: true,
        today,
        edits: [set('S21.G00.30.006', '14072027')],
      },
      {
        title: 'Né en 1907, année en cours 2026',
        fails: false,
        today,
        edits: [set('S21.G00.30.006', '14071907')],
      },
    ],
  }),
  requiredWhen('S21.G00.30.007/CCH-11', isOther(ref('S21.G00.30.014'), '99'), {
    examples: () => [
      {
        title: 'Né dans le département 75 sans lieu de naissance',
        fails: true,
        edits: [remove('S21.G00.30.007')],
      },
      {
        title: "Né à l'étranger (département 99) sans lieu de naissance",
        fails: false,
        edits: [remove('S21.G00.30.007'), set('S21.G00.30.014', '99')],
      },
    ],
  }),
  addressCoherence(
    'S21.G00.30.009/CCH-12',
    { country: 11, distribution: 12 },
    {
      examples: () => [
        {
          title: 'Code postal et code pays renseignés ensemble',
          fails: true,
          edits: [
            after(
              'S21.G00.30.007',
              "S21.G00.30.008,'1 RUE HAUTE'",
              "S21.G00.30.009,'75011'",
              "S21.G00.30.010,'PARIS'",
              "S21.G00.30.011,'BE'",
            ),
          ],
        },
        {
          title: 'Adresse étrangère avec code pays mais sans code de distribution',
          fails: true,
          edits: [after('S21.G00.30.007', "S21.G00.30.008,'1 RUE HAUTE'", "S21.G00.30.011,'BE'")],
        },
        {
          title: 'Adresse étrangère avec code pays et code de distribution',
          fails: false,
          edits: [
            after(
              'S21.G00.30.007',
              "S21.G00.30.008,'1 RUE HAUTE'",
              "S21.G00.30.011,'BE'",
              "S21.G00.30.012,'1000 BRUXELLES'",
            ),
          ],
        },
        {
          title: 'Adresse en France avec code postal seul',
          fails: false,
          edits: [
            after(
              'S21.G00.30.007',
              "S21.G00.30.008,'1 RUE HAUTE'",
              "S21.G00.30.009,'75011'",
              "S21.G00.30.010,'PARIS'",
            ),
          ],
        },
      ],
    },
  ),
  localityRequired('S21.G00.30.010/CCH-11', 9, {
    examples: () => [
      {
        title: 'Code postal sans localité',
        fails: true,
        edits: [after('S21.G00.30.007', "S21.G00.30.008,'1 RUE HAUTE'", "S21.G00.30.009,'75011'")],
      },
      {
        title: 'Code postal et localité',
        fails: false,
        edits: [
          after(
            'S21.G00.30.007',
            "S21.G00.30.008,'1 RUE HAUTE'",
            "S21.G00.30.009,'75011'",
            "S21.G00.30.010,'PARIS'",
          ),
        ],
      },
    ],
  }),
  valueRule(
    'S21.G00.30.014/CCH-11',
    (department, individual) => {
      const year = birthYear(individual.value(6));
      return year !== null && department.length === 2 && !departmentExisted(department, 0, year);
    },
    {
      examples: () => [
        { title: 'Né en Corse en 1985 sous le code 20', fails: true, edits: [set('S21.G00.30.014', '20')] },
        {
          title: 'Né en 1970 sous le code 96',
          fails: true,
          edits: [set('S21.G00.30.014', '96'), set('S21.G00.30.006', '14071970')],
        },
        { title: 'Né en Corse en 1985 sous le code 2A', fails: false, edits: [set('S21.G00.30.014', '2A')] },
        {
          title: 'Né en 1967 sous le code 96',
          fails: false,
          edits: [set('S21.G00.30.014', '96'), set('S21.G00.30.006', '14071967')],
        },
      ],
    },
  ),
  requiredWhen('S21.G00.30.020/CCH-12', absent(ref('S21.G00.30.001')), {
    examples: () => [
      { title: 'Individu sans NIR ni NTT', fails: true, edits: [remove('S21.G00.30.001')] },
      { title: 'Individu sans NIR identifié par un NTT', fails: false, edits: byNtt('1732829320001') },
    ],
  }),
  nttCarriesSiren('S21.G00.30.020/CCH-13', {
    examples: () => [
      {
        title: "NTT qui ne reprend pas le SIREN de l'entreprise",
        fails: true,
        edits: byNtt('1552100554001'),
      },
      {
        title: "NTT qui reprend le SIREN de l'entreprise en positions 2 à 10",
        fails: false,
        edits: byNtt('2732829320001'),
      },
    ],
  }),
  uniqueInDeclaration('S21.G00.30.020/CCH-14', 20, () => [
    {
      title: 'Deux individus identifiés par le même NTT',
      fails: true,
      base: 'mensuelle',
      edits: [
        remove('S21.G00.30.001', 1),
        remove('S21.G00.30.001', 1),
        after('S21.G00.30.019', "S21.G00.30.020,'1664044062001'"),
        { insertAfter: 'S21.G00.30.019', occurrence: 2, lines: ["S21.G00.30.020,'1664044062001'"] },
      ],
    },
    {
      title: 'Deux individus identifiés par des NTT distincts',
      fails: false,
      base: 'mensuelle',
      edits: [
        remove('S21.G00.30.001', 1),
        remove('S21.G00.30.001', 1),
        after('S21.G00.30.019', "S21.G00.30.020,'1664044062001'"),
        { insertAfter: 'S21.G00.30.019', occurrence: 2, lines: ["S21.G00.30.020,'1664044062002'"] },
      ],
    },
  ]),
  noNonSalariedInPriming('S21.G00.30.020/CCH-15', 20, () => [
    {
      title: 'Amorçage avec un salarié identifié par un NTT et un non-salarié',
      fails: true,
      edits: [priming, ...byNtt('1732829320001'), nonSalaried],
    },
    {
      title: 'Amorçage avec un seul salarié identifié par un NTT',
      fails: false,
      edits: [priming, ...byNtt('1732829320001')],
    },
  ]),
  nttStartsWithSex('S21.G00.30.020/CSL-11', {
    examples: () => [
      { title: 'NTT commençant par 3', fails: true, edits: byNtt('3732829320001') },
      { title: 'NTT commençant par 2', fails: false, edits: byNtt('2732829320001') },
    ],
  }),
  nttWithoutSpace('S21.G00.30.020/CSL-12', {
    examples: () => [
      { title: 'NTT contenant une espace', fails: true, edits: byNtt('1732829320 01') },
      { title: 'NTT sans espace', fails: false, edits: byNtt('173282932001') },
    ],
  }),
  {
    id: 'S21.G00.30.025/CCH-11',
    check(individual, ctx) {
      if (individual.has(25)) return;
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id === 'S21.G00.40' && apprenticeships.has(c.value(8) ?? '')) return ctx.fail(individual);
      }
    },
    examples: () => [
      {
        title: "Contrat d'apprentissage (dispositif 64) sans niveau de diplôme préparé",
        fails: true,
        edits: [set('S21.G00.40.008', '64')],
      },
      {
        title: "Contrat d'apprentissage du secteur public (81) avec le niveau de diplôme préparé",
        fails: false,
        edits: [set('S21.G00.40.008', '81'), after('S21.G00.30.015', "S21.G00.30.025,'04'")],
      },
    ],
  },
  requiredWhen('S21.G00.30.029/CCH-11', all(is(ref('S21.G00.30.014'), '99'), absent(ref('S21.G00.30.007'))), {
    examples: () => [
      {
        title: "Né à l'étranger sans lieu ni libellé du pays de naissance",
        fails: true,
        edits: [set('S21.G00.30.014', '99'), set('S21.G00.30.015', 'BE'), remove('S21.G00.30.007')],
      },
      {
        title: "Né à l'étranger avec le libellé du pays de naissance",
        fails: false,
        edits: [
          set('S21.G00.30.014', '99'),
          set('S21.G00.30.015', 'BE'),
          remove('S21.G00.30.007'),
          after('S21.G00.30.015', "S21.G00.30.029,'BELGIQUE'"),
        ],
      },
    ],
  }),
  {
    id: 'S21.G00.31.001/CCH-12',
    check(change, ctx) {
      const rubrics = change.rubrics;
      for (let i = 0; i < rubrics.length; i++) if (rubrics[i]!.number !== 1) return;
      ctx.fail(change.rubric(1) ?? change);
    },
    examples: () => [
      {
        title: 'Changement individu réduit à sa date',
        fails: true,
        edits: [after('S21.G00.30.015', "S21.G00.31.001,'15012026'")],
      },
      {
        title: 'Changement individu avec un ancien nom',
        fails: false,
        edits: [after('S21.G00.30.015', "S21.G00.31.001,'15012026'", "S21.G00.31.009,'MARTIN'")],
      },
    ],
  },
  notAfterDeclaredMonth('S21.G00.31.001/SIG-11', {
    examples: () => [
      {
        title: 'Modification datée du mois suivant le mois déclaré',
        fails: true,
        edits: [after('S21.G00.30.015', "S21.G00.31.001,'01022026'", "S21.G00.31.009,'MARTIN'")],
      },
      {
        title: 'Modification datée du dernier jour du mois déclaré',
        fails: false,
        edits: [after('S21.G00.30.015', "S21.G00.31.001,'31012026'", "S21.G00.31.009,'MARTIN'")],
      },
    ],
  }),
  birthYearPlausible('S21.G00.31.011/CCH-12', {
    examples: () => [
      {
        title: 'Ancienne date de naissance en 1890, année en cours 2026',
        fails: true,
        today,
        edits: [after('S21.G00.30.015', "S21.G00.31.001,'15012026'", "S21.G00.31.011,'14071890'")],
      },
      {
        title: 'Ancienne date de naissance en 1984',
        fails: false,
        today,
        edits: [after('S21.G00.30.015', "S21.G00.31.001,'15012026'", "S21.G00.31.011,'14071984'")],
      },
    ],
  }),
];
