import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { establishment } from '../../lib/declaration.ts';
import {
  forbiddenWhen,
  is,
  isOther,
  nature,
  ref,
  requiredWhen,
  valueRule,
  valuesForbiddenWhen,
  valuesOnlyWhen,
} from '../../lib/rules.ts';

/**
 * The declaration (S20.G00.05, S20.G00.07). Checks on S20.G00.05 run when the declaration ends:
 * the streamed units are gone by then but counted (`Declaration.individuals`, `Block.countOf`);
 * what a rule needs of their content is noted in per-declaration state.
 */

const declarationType = ref('S20.G00.05.002');
const event = ref('S20.G00.05.011');
const depositPoint = ref('S10.G00.00.007');

/** Occurrences of a streamed unit (S89.G00.91, S21.G00.85) in the declaration. */
function unitsOf(declaration: Block, ctx: ControlContext, blockId: string): number {
  const def = ctx.norm.blockById.get(blockId);
  return def === undefined ? 0 : declaration.countOf(def);
}

/** S21.G00.30 and S89.G00.91 blocks of the declaration. */
const individualsOf = (declaration: Block, ctx: ControlContext) =>
  (ctx.declaration?.individuals ?? 0) + unitsOf(declaration, ctx, 'S89.G00.91');

const hasProvidentMembership = (ctx: ControlContext) => establishment(ctx)?.first('S21.G00.15') !== undefined;

/** Natures whose fraction must be 11: nature 10 (DPAE) exists from P26V01. */
const eventNatures = new Set(['04', '05', '07', '08']);
const eventNaturesP26 = new Set(['04', '05', '07', '08', '10']);
/** Wallis-et-Futuna, Polynésie française, Nouvelle-Calédonie. */
const pacificPostalCode = /^98[678]/;
/** Events that concern a provident contract: fin de dispense, changement de paramètres, population. */
const membershipEvents = new Set(['03', '04', '05']);

// ---- example edits ---------------------------------------------------------------------------

const set = (rubric: string, value: string): Edit => ({ set: rubric, value });
const withEvent = (value: string): Edit => ({
  insertAfter: 'S20.G00.05.010',
  lines: [`S20.G00.05.011,'${value}'`],
});
const membership: Edit = {
  insertAfter: 'S21.G00.11.022',
  lines: [
    "S21.G00.15.001,'PREV-2020-01'",
    "S21.G00.15.002,'P1234'",
    "S21.G00.15.004,'01'",
    "S21.G00.15.005,'1'",
  ],
};
const affiliation = (membershipId: string): Edit => ({
  insertAfter: 'S21.G00.40.040',
  lines: ["S21.G00.70.004,'OPT1'", "S21.G00.70.005,'POP1'", `S21.G00.70.013,'${membershipId}'`],
});
const seniority: Edit = {
  insertAfter: 'S21.G00.58.004',
  lines: ["S21.G00.86.001,'02'", "S21.G00.86.002,'03'", "S21.G00.86.003,'6'", "S21.G00.86.005,'00001'"],
};
const nonSalaried: Edit = {
  insertBefore: 'S90.G00.90.001',
  lines: [
    "S89.G00.91.001,'1850775123456'",
    "S89.G00.91.002,'MARTIN'",
    "S89.G00.91.004,'PAUL'",
    "S89.G00.91.006,'14071985'",
  ],
};
const workplace: Edit = {
  insertBefore: 'S90.G00.90.001',
  lines: ["S21.G00.85.001,'73282932000074'", "S21.G00.85.010,'01'"],
};
const secondIndividual: Edit = {
  insertBefore: 'S90.G00.90.001',
  lines: ["S21.G00.30.001,'2900175123456'", "S21.G00.30.002,'DUMAS'", "S21.G00.30.004,'ANNE'"],
};
const contact = (contactType: string): Edit => ({
  insertAfter: 'S20.G00.05.010',
  lines: [
    "S20.G00.07.001,'DR MARTIN'",
    "S20.G00.07.002,'0102030405'",
    "S20.G00.07.003,'medecin@artagnan.example'",
    `S20.G00.07.004,'${contactType}'`,
  ],
});
const internalHealthService: Edit = { insertAfter: 'S21.G00.11.022', lines: ["S21.G00.11.025,'MT01'"] };

export const declarationControls: Control[] = [
  {
    id: 'S20.G00.05.001/CCH-11',
    check(declaration, ctx) {
      const natureRubric = declaration.rubric(1);
      if (natureRubric?.value !== '08') return;
      const count = individualsOf(declaration, ctx);
      if (count !== 1) ctx.fail(natureRubric, `${count} individus déclarés`);
    },
    examples: () => [
      {
        title: 'Amorçage des données variables sans individu',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), { removeBlock: 'S21.G00.30' }],
      },
      {
        title: 'Amorçage des données variables pour deux individus',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), secondIndividual],
      },
      {
        title: 'Amorçage des données variables pour un individu non salarié',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), { removeBlock: 'S21.G00.30' }, nonSalaried],
      },
      {
        title: 'Amorçage des données variables pour un salarié',
        fails: false,
        edits: [set('S20.G00.05.001', '08')],
      },
    ],
  },
  {
    id: 'S20.G00.05.001/CCH-12',
    block: 'S21.G00.86',
    state: () => ({ seniority: false }),
    check(_, __, state: { seniority: boolean }) {
      state.seniority = true;
    },
    end(ctx, state: { seniority: boolean }) {
      const natureRubric = ctx.declaration?.node.rubric(1);
      if (natureRubric?.value !== '08' || state.seniority || !hasProvidentMembership(ctx)) return;
      ctx.fail(natureRubric);
    },
    examples: () => [
      {
        title: 'Amorçage avec une adhésion prévoyance et aucune ancienneté',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), membership],
      },
      {
        title: 'Amorçage avec une adhésion prévoyance et une ancienneté',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), membership, seniority],
      },
    ],
  },
  {
    id: 'S20.G00.05.001/CCH-13',
    block: 'S21.G00.70',
    state: () => new Set<string>(),
    check(affiliationBlock, ctx, memberships: Set<string>) {
      const id = affiliationBlock.value(13);
      if (ctx.nature === '08' && id !== undefined) memberships.add(id);
    },
    end(ctx, memberships: Set<string>) {
      if (ctx.nature !== '08') return;
      const children = establishment(ctx)?.children ?? [];
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.id !== 'S21.G00.15') continue;
        const id = child.rubric(5);
        if (id !== undefined && !memberships.has(id.value)) ctx.fail(id);
      }
    },
    examples: () => [
      {
        title: 'Amorçage : adhésion prévoyance sans affiliation qui la cite',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), membership, affiliation('2')],
      },
      {
        title: 'Amorçage : adhésion prévoyance citée par une affiliation',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), membership, affiliation('1')],
      },
    ],
  },
  valuesOnlyWhen('S20.G00.05.002/CCH-13', ['04'], nature('07', '08', '09'), {
    examples: () => [
      { title: 'DSN mensuelle de type « annule »', fails: true, edits: [set('S20.G00.05.002', '04')] },
      {
        title: 'Signalement fin de contrat de type « annule »',
        fails: false,
        edits: [set('S20.G00.05.001', '07'), set('S20.G00.05.002', '04')],
      },
    ],
  }),
  valuesOnlyWhen('S20.G00.05.002/CCH-14', ['02', '05'], nature('01'), {
    examples: () => [
      {
        title: 'Signalement arrêt de travail de type « normale sans individu »',
        fails: true,
        edits: [set('S20.G00.05.001', '04'), set('S20.G00.05.002', '02')],
      },
      {
        title: 'DSN mensuelle de type « annule et remplace sans individu »',
        fails: false,
        edits: [set('S20.G00.05.002', '05')],
      },
    ],
  }),
  valuesForbiddenWhen('S20.G00.05.002/CCH-15', ['03'], nature('08'), {
    examples: () => [
      {
        title: 'Amorçage des données variables de type « annule et remplace intégral »',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), set('S20.G00.05.002', '03')],
      },
      {
        title: 'Amorçage des données variables de type « annule »',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), set('S20.G00.05.002', '04')],
      },
    ],
  }),
  {
    id: 'S20.G00.05.002/CCH-16',
    check(declaration, ctx) {
      const typeRubric = declaration.rubric(2);
      if (typeRubric === undefined || (typeRubric.value !== '01' && typeRubric.value !== '03')) return;
      if (individualsOf(declaration, ctx) === 0) ctx.fail(typeRubric);
    },
    examples: () => [
      {
        title: 'Déclaration normale sans aucun individu',
        fails: true,
        edits: [{ removeBlock: 'S21.G00.30' }],
      },
      {
        title: 'Déclaration annule et remplace intégral avec un salarié',
        fails: false,
        edits: [set('S20.G00.05.002', '03')],
      },
      {
        title: 'Déclaration normale avec un seul individu non salarié',
        fails: false,
        edits: [{ removeBlock: 'S21.G00.30' }, nonSalaried],
      },
    ],
  },
  valueRule(
    'S20.G00.05.003/CCH-11',
    (fraction, declaration, ctx) => {
      const natures = ctx.norm.version < 'P26V01' ? eventNatures : eventNaturesP26;
      const value = declaration.value(1);
      return value !== undefined && natures.has(value) && fraction !== '11';
    },
    {
      examples: () => [
        {
          title: 'Signalement arrêt de travail avec une fraction 12',
          fails: true,
          edits: [set('S20.G00.05.001', '04'), set('S20.G00.05.003', '12')],
        },
        {
          title: 'Signalement DPAE avec une fraction 12 (nature 10 depuis P26V01)',
          fails: true,
          versions: ['P26V01', 'P27V01'],
          edits: [set('S20.G00.05.001', '10'), set('S20.G00.05.003', '12')],
        },
        {
          title: 'Signalement arrêt de travail avec la fraction 11',
          fails: false,
          edits: [set('S20.G00.05.001', '04')],
        },
        {
          title: 'DSN mensuelle avec une fraction 12',
          fails: false,
          edits: [set('S20.G00.05.003', '12')],
        },
      ],
    },
  ),
  forbiddenWhen('S20.G00.05.006/CCH-12', isOther(declarationType, '03', '04'), {
    examples: () => [
      {
        title: 'Déclaration normale citant une déclaration remplacée',
        fails: true,
        edits: [{ insertAfter: 'S20.G00.05.005', lines: ["S20.G00.05.006,'050120261'"] }],
      },
      {
        title: 'Déclaration annule et remplace citant la déclaration remplacée',
        fails: false,
        edits: [
          set('S20.G00.05.002', '03'),
          { insertAfter: 'S20.G00.05.005', lines: ["S20.G00.05.006,'050120261'"] },
        ],
      },
    ],
  }),
  valuesForbiddenWhen('S20.G00.05.008/CCH-11', ['02'], is(depositPoint, '01'), {
    examples: () => [
      {
        title: 'Déclaration partielle régime agricole déposée sur net-entreprises',
        fails: true,
        edits: [set('S20.G00.05.008', '02')],
      },
      {
        title: 'Déclaration partielle régime agricole déposée à la MSA',
        fails: false,
        edits: [set('S10.G00.00.007', '02'), set('S20.G00.05.008', '02')],
      },
    ],
  }),
  valuesForbiddenWhen('S20.G00.05.008/CCH-12', ['03'], is(depositPoint, '02'), {
    examples: () => [
      {
        title: 'Déclaration partielle régime général déposée à la MSA',
        fails: true,
        edits: [set('S10.G00.00.007', '02'), set('S20.G00.05.008', '03')],
      },
      {
        title: 'Déclaration partielle régime général déposée sur net-entreprises',
        fails: false,
        edits: [set('S20.G00.05.008', '03')],
      },
    ],
  }),
  {
    id: 'S20.G00.05.009/CCH-11',
    block: 'S21.G00.30',
    check(individual, ctx) {
      const businessId = ctx.declaration?.node.rubric(9);
      if (businessId !== undefined && individual.value(1) === businessId.value) ctx.fail(businessId);
    },
    examples: () => [
      {
        title: 'Identifiant métier égal au NIR du salarié',
        fails: true,
        edits: [{ insertAfter: 'S20.G00.05.008', lines: ["S20.G00.05.009,'1850775123456'"] }],
      },
      {
        title: 'Identifiant métier propre à la déclaration',
        fails: false,
        edits: [{ insertAfter: 'S20.G00.05.008', lines: ["S20.G00.05.009,'PAIE202601'"] }],
      },
    ],
  },
  {
    id: 'S20.G00.05.010/SIG-11',
    block: 'S21.G00.06',
    check(company, ctx) {
      const currency = ctx.declaration?.node.rubric(10);
      if (currency?.value !== '02') return;
      const postal = company.value(5);
      if (postal !== undefined && !pacificPostalCode.test(postal))
        ctx.fail(currency, `code postal ${postal}`);
    },
    examples: () => [
      {
        title: 'Franc Pacifique pour une entreprise parisienne',
        fails: true,
        edits: [set('S20.G00.05.010', '02')],
      },
      {
        title: 'Franc Pacifique pour une entreprise de Papeete',
        fails: false,
        edits: [
          set('S20.G00.05.010', '02'),
          set('S21.G00.06.005', '98714'),
          set('S21.G00.06.006', 'PAPEETE'),
        ],
      },
    ],
  },
  {
    id: 'S20.G00.05.011/CCH-11',
    check(declaration, ctx) {
      const eventRubric = declaration.rubric(11);
      if (eventRubric === undefined) return;
      const declared = unitsOf(declaration, ctx, 'S89.G00.91') > 0;
      if ((eventRubric.value === '06') !== declared) ctx.fail(eventRubric);
    },
    examples: () => [
      {
        title: 'Appel de taux de PAS sans individu non salarié',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('06')],
      },
      {
        title: 'Embauche effective déclarée pour un individu non salarié',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('01'), nonSalaried],
      },
      {
        title: 'Appel de taux de PAS pour un individu non salarié',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), withEvent('06'), { removeBlock: 'S21.G00.30' }, nonSalaried],
      },
    ],
  },
  {
    id: 'S20.G00.05.011/CCH-12',
    check(declaration, ctx) {
      const eventRubric = declaration.rubric(11);
      if (eventRubric === undefined || !membershipEvents.has(eventRubric.value)) return;
      if (!hasProvidentMembership(ctx)) ctx.fail(eventRubric);
    },
    examples: () => [
      {
        title: 'Fin de dispense d’affiliation sans adhésion prévoyance',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('03')],
      },
      {
        title: 'Fin de dispense d’affiliation avec une adhésion prévoyance',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), withEvent('03'), membership],
      },
    ],
  },
  {
    id: 'S20.G00.05.011/CCH-13',
    check(declaration, ctx) {
      const eventRubric = declaration.rubric(11);
      if (eventRubric === undefined || (eventRubric.value !== '06' && eventRubric.value !== '07')) return;
      if (hasProvidentMembership(ctx) || unitsOf(declaration, ctx, 'S21.G00.85') > 0) ctx.fail(eventRubric);
    },
    examples: () => [
      {
        title: 'Changement de logiciel déclarant un lieu de travail',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('07'), workplace],
      },
      {
        title: 'Appel de taux de PAS avec une adhésion prévoyance',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('06'), membership],
      },
      {
        title: 'Changement de logiciel sans adhésion ni lieu de travail',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), withEvent('07')],
      },
    ],
  },
  {
    id: 'S20.G00.05.011/CCH-14',
    // The forbidden blocks are children of the individual: one pass over them per individual.
    block: 'S21.G00.30',
    check(individual, ctx) {
      if (ctx.declaration?.node.value(11) !== '07') return;
      const children = individual.children;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.id === 'S21.G00.40' || child.id === 'S21.G00.86') ctx.fail(child);
      }
    },
    examples: () => [
      {
        title: 'Changement de logiciel déclarant un contrat',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('07')],
      },
      {
        title: 'Changement de logiciel sans contrat ni ancienneté',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), withEvent('07'), { removeBlock: 'S21.G00.40' }],
      },
    ],
  },
  requiredWhen('S20.G00.05.012/CCH-11', is(event, '02', '07'), {
    examples: () => [
      {
        title: 'Mutation sans dernier SIRET connu',
        fails: true,
        edits: [set('S20.G00.05.001', '08'), withEvent('02')],
      },
      {
        title: 'Mutation avec le dernier SIRET connu',
        fails: false,
        edits: [
          set('S20.G00.05.001', '08'),
          {
            insertAfter: 'S20.G00.05.010',
            lines: ["S20.G00.05.011,'02'", "S20.G00.05.012,'55210055400013'"],
          },
        ],
      },
    ],
  }),
  {
    id: 'S20.G00.07.004/CCH-11',
    block: 'S21.G00.30',
    state: () => ({ internal: false }),
    check(individual, _, state: { internal: boolean }) {
      if (individual.value(30) === 'MT01') state.internal = true;
    },
    end(ctx, state: { internal: boolean }) {
      const declaration = ctx.declaration?.node;
      if (declaration === undefined) return;
      const required = state.internal || establishment(ctx)?.value(25) === 'MT01';
      let found = false;
      const children = declaration.children;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.id !== 'S20.G00.07') continue;
        const contactType = child.rubric(4);
        if (contactType?.value !== '17') continue;
        found = true;
        if (!required) ctx.fail(contactType);
      }
      if (required && !found) ctx.fail(declaration);
    },
    examples: () => [
      {
        title: 'Médecine du travail interne à l’établissement sans contact de type 17',
        fails: true,
        edits: [internalHealthService],
      },
      {
        title: 'Contact de type 17 sans médecine du travail interne',
        fails: true,
        edits: [contact('17')],
      },
      {
        title: 'Salarié suivi par la médecine interne et contact de type 17',
        fails: false,
        edits: [contact('17'), { insertAfter: 'S21.G00.30.015', lines: ["S21.G00.30.030,'MT01'"] }],
      },
      {
        title: 'Établissement à médecine interne et contact de type 17',
        fails: false,
        edits: [contact('17'), internalHealthService],
      },
    ],
  },
];
