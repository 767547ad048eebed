import type { ControlExample } from '../../../examples/example.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { crmOnlyForPastPeriod, dateAt, notBefore, upToFollowingMonth } from '../../lib/periods.ts';
import { absent, all, is, ref, requiredIff, requiredWhen, type Condition } from '../../lib/rules.ts';
import { cents, decimal } from '../../lib/values.ts';
import { contribution, otherBase, person, specificBase, type Rubrics } from './examples.ts';

/**
 * Specific bases of a non-salaried person (S89.G00.92) and their contributions (S89.G00.94).
 * Base 50 (assiette brute déplafonnée) carries the withholding tax (PAS) rubrics; from P26V01 a
 * non-resident withholding (S89.G00.92.018) replaces them.
 */

const code = ref('S89.G00.92.002');
const grossUncapped = is(code, '50');
/** Base 50 without the non-resident withholding (S89.G00.92.018), which exists from P26V01. */
const withholdingApplies: Condition = (base, ctx) =>
  grossUncapped(base, ctx) && (ctx.norm.version < 'P26V01' || !base.has(18));

/** Allocations (chômage auto-assurance, amiante, pré-retraite) and sums paid to a third party. */
const pensionTypes = new Set(['01', '02', '03', '05']);
const allowanceTypes = new Set(['01', '02', '03']);
const thirdPartyTypes = new Set(['05']);

/** The person's complementary-pension category (S89.G00.91.018) is given and is not "sans statut" (10). */
function hasPensionCategory(block: Block): boolean {
  const person = block.id === 'S89.G00.91' ? block : block.ancestor('S89.G00.91');
  const category = person?.value(18);
  return category !== undefined && category !== '10';
}

/** Bases of the same kind (type, period, payment date) form a group that needs its base 50. */
const sameGroup = (a: Block, b: Block) =>
  a.value(1) === b.value(1) &&
  a.value(4) === b.value(4) &&
  a.value(5) === b.value(5) &&
  a.value(11) === b.value(11);

/** For a person with a pension category, a base of one of `types` requires bases of every `codes`. */
function requiredBases(
  id: string,
  types: ReadonlySet<string>,
  codes: readonly string[],
  examples: ControlExample[],
): Control {
  const complete = (1 << codes.length) - 1;
  return {
    id,
    block: 'S89.G00.91',
    check(person, ctx) {
      if (!hasPensionCategory(person)) return;
      let trigger: Block | undefined;
      let found = 0;
      const children = person.children;
      for (let i = 0; i < children.length; i++) {
        const base = children[i]!;
        if (base.id !== 'S89.G00.92') continue;
        const type = base.value(1);
        if (trigger === undefined && type !== undefined && types.has(type)) trigger = base;
        const index = codes.indexOf(base.value(2) ?? '');
        if (index >= 0) found |= 1 << index;
      }
      if (trigger === undefined || found === complete) return;
      const missing = codes.filter((_, i) => (found & (1 << i)) === 0).join(', ');
      ctx.fail(trigger.rubric(1) ?? trigger, `base spécifique absente : ${missing}`);
    },
    examples: () => examples,
  };
}

/** For a person with a pension category, a base matching `when` requires a contribution (S89.G00.94). */
function contributionRequired(
  id: string,
  when: (base: Block) => boolean,
  examples: ControlExample[],
): Control {
  return {
    id,
    block: 'S89.G00.92',
    check(base, ctx) {
      if (!when(base) || !hasPensionCategory(base)) return;
      const children = base.children;
      for (let i = 0; i < children.length; i++) if (children[i]!.id === 'S89.G00.94') return;
      ctx.fail(base);
    },
    examples: () => examples,
  };
}

const withType = (type: string, changes: Rubrics = {}, ...children: string[][]) =>
  specificBase({ '001': type, ...changes }, ...children);
/** A base 50 whose PAS is replaced by the non-resident withholding (P26V01 on). */
const nonResident: Rubrics = { '007': null, '008': null, '010': null, '013': null, '018': '50.00' };
const fromP26 = ['P26V01', 'P27V01'];
const untilP26 = ['P24V01', 'P25V01', 'P26V01'];

const capitalized = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** The default value of a rubric of the reference base. */
function valueOf(n: string): string {
  const line = specificBase().find((l) => l.startsWith(`S89.G00.92.${n},`));
  return line === undefined ? '' : line.slice(16, -1);
}

/** The PAS rubrics of base 50 (taux, type de taux, montant, montant soumis) share their rule. */
function pasRubric(id: string, label: string): Control {
  const n = id.slice(11, 14);
  return requiredIff(id, withholdingApplies, {
    examples: () => [
      { title: `Base 50 sans ${label}`, fails: true, edits: [person({}, specificBase({ [n]: null }))] },
      {
        title: `${capitalized(label)} pour une base 51`,
        fails: true,
        edits: [person({}, otherBase('51', { [n]: valueOf(n) }))],
      },
      {
        title: `${capitalized(label)} avec une retenue à la source de non-résident`,
        fails: true,
        versions: fromP26,
        edits: [person({}, specificBase({ ...nonResident, [n]: valueOf(n) }))],
      },
      { title: `Base 50 avec ${label}`, fails: false, edits: [person()] },
      {
        title: `Base 50 de non-résident sans ${label}`,
        fails: false,
        versions: fromP26,
        edits: [person({}, specificBase(nonResident))],
      },
    ],
  });
}

/** Net paid (016) and net social (017): "dans le cas contraire, interdite" until P26V01 only. */
function netAmount(id: string, label: string): Control[] {
  const n = id.slice(11, 14);
  const missing: ControlExample = {
    title: `Base 50 sans ${label}`,
    fails: true,
    edits: [person({}, specificBase({ [n]: null }))],
  };
  const given: ControlExample = { title: `Base 50 avec ${label}`, fails: false, edits: [person()] };
  const onOtherBase = (fails: boolean, versions: string[]): ControlExample => ({
    title: `${capitalized(label)} pour une base 51`,
    fails,
    versions,
    edits: [person({}, otherBase('51', { [n]: valueOf(n) }))],
  });
  return [
    requiredIff(id, withholdingApplies, {
      versions: untilP26,
      examples: () => [missing, onOtherBase(true, untilP26), given],
    }),
    requiredWhen(id, withholdingApplies, {
      versions: ['P27V01'],
      examples: () => [missing, onOtherBase(false, ['P27V01']), given],
    }),
  ];
}

export const specificBaseControls: Control[] = [
  {
    id: 'S89.G00.92.001/CCH-11',
    block: 'S89.G00.91',
    check(p, ctx) {
      if (p.has(17) && p.has(18)) return;
      const children = p.children;
      for (let i = 0; i < children.length; i++) {
        const base = children[i]!;
        const type = base.id === 'S89.G00.92' ? base.value(1) : undefined;
        if (type === undefined || !pensionTypes.has(type)) continue;
        ctx.fail(p, `absente : ${p.has(17) ? 'S89.G00.91.018' : 'S89.G00.91.017'}`);
        return;
      }
    },
    examples: () => [
      {
        title: 'Allocation de pré-retraite sans statut conventionnel',
        fails: true,
        edits: [person({ '017': null }, withType('03'))],
      },
      {
        title: 'Allocation de pré-retraite avec statut conventionnel et catégoriel',
        fails: false,
        edits: [person({}, withType('03'))],
      },
    ],
  },
  requiredBases(
    'S89.G00.92.001/CCH-12',
    allowanceTypes,
    ['23', '43'],
    [
      {
        title: 'Allocation chômage d’un cadre sans base exceptionnelle Agirc-Arrco',
        fails: true,
        edits: [person({}, withType('01'), otherBase('43', { '001': '01' }))],
      },
      {
        title: 'Allocation chômage d’un cadre avec ses bases 23 et 43',
        fails: false,
        edits: [
          person({}, withType('01'), otherBase('23', { '001': '01' }), otherBase('43', { '001': '01' })),
        ],
      },
      {
        title: 'Allocation chômage sans statut catégoriel',
        fails: false,
        edits: [person({ '018': '10' }, withType('01'))],
      },
    ],
  ),
  requiredBases(
    'S89.G00.92.001/CCH-13',
    thirdPartyTypes,
    ['51', '52', '53'],
    [
      {
        title: 'Somme versée à un tiers sans assiette de CSG',
        fails: true,
        edits: [
          person({}, withType('05'), otherBase('51', { '001': '05' }), otherBase('52', { '001': '05' })),
        ],
      },
      {
        title: 'Somme versée à un tiers avec ses bases 51, 52 et 53',
        fails: false,
        edits: [
          person(
            {},
            withType('05'),
            otherBase('51', { '001': '05' }),
            otherBase('52', { '001': '05' }),
            otherBase('53', { '001': '05' }),
          ),
        ],
      },
    ],
  ),
  {
    id: 'S89.G00.92.001/CCH-14',
    check(base, ctx) {
      const type = base.value(1);
      const baseCode = base.rubric(2);
      if (type === undefined || baseCode === undefined || pensionTypes.has(type) || baseCode.value === '50')
        return;
      ctx.fail(baseCode);
    },
    examples: () => [
      {
        title: 'Base plafonnée pour un autre type que les allocations et sommes versées à un tiers',
        fails: true,
        edits: [person({}, specificBase(), otherBase('51'))],
      },
      {
        title: 'Base plafonnée pour une somme versée à un tiers',
        fails: false,
        edits: [person({}, withType('05'), otherBase('51', { '001': '05' }))],
      },
    ],
  },
  {
    id: 'S89.G00.92.001/CCH-15',
    check(base, ctx) {
      const siblings = base.parent?.children ?? [];
      let firstOfGroup: Block | undefined;
      for (let i = 0; i < siblings.length; i++) {
        const other = siblings[i]!;
        if (other.id !== 'S89.G00.92' || !sameGroup(other, base)) continue;
        if (other.value(2) === '50') return;
        firstOfGroup ??= other;
      }
      // Reported once per group, on its first base.
      if (firstOfGroup === base) ctx.fail(base.rubric(1) ?? base);
    },
    examples: () => [
      {
        title: 'Base exceptionnelle sans assiette brute déplafonnée pour la même période',
        fails: true,
        edits: [person({}, otherBase('23', { '001': '01' }), otherBase('43', { '001': '01' }))],
      },
      {
        title: 'Base exceptionnelle et assiette brute déplafonnée de périodes différentes',
        fails: true,
        edits: [
          person(
            {},
            withType('01', { '004': '01122025', '005': '31122025' }),
            otherBase('23', { '001': '01' }),
          ),
        ],
      },
      {
        title: 'Base exceptionnelle et assiette brute déplafonnée de la même période',
        fails: false,
        edits: [person({}, withType('01'), otherBase('23', { '001': '01' }))],
      },
    ],
  },
  notBefore('S89.G00.92.005/CCH-11', dateAt('S89.G00.92.004'), {
    examples: () => [
      {
        title: 'Période de rattachement finissant avant son début',
        fails: true,
        edits: [person({}, specificBase({ '004': '01022026' }))],
      },
      { title: 'Période de rattachement du mois', fails: false, edits: [person()] },
    ],
  }),
  notAfterDeclaredMonth('S89.G00.92.005/SIG-12', {
    examples: () => [
      {
        title: 'Période de rattachement finissant après le mois principal déclaré',
        fails: true,
        edits: [person({}, specificBase({ '005': '28022026' }))],
      },
      {
        title: 'Période de rattachement finissant avec le mois principal déclaré',
        fails: false,
        edits: [person()],
      },
    ],
  }),
  requiredIff('S89.G00.92.006/CCH-12', grossUncapped, {
    examples: () => [
      {
        title: 'Base 50 sans montant net fiscal',
        fails: true,
        edits: [person({}, specificBase({ '006': null }))],
      },
      {
        title: 'Montant net fiscal pour une base 51',
        fails: true,
        edits: [person({}, specificBase(), otherBase('51', { '006': '900.00' }))],
      },
      { title: 'Base 50 avec son montant net fiscal', fails: false, edits: [person()] },
    ],
  }),
  pasRubric('S89.G00.92.007/CCH-11', 'taux de prélèvement à la source'),
  {
    id: 'S89.G00.92.008/CCH-11',
    check(base, ctx) {
      if (base.value(8) !== '99') return;
      for (const n of [7, 10]) {
        const rubric = base.rubric(n);
        const value = decimal(rubric?.value);
        if (rubric !== undefined && value !== null && value !== 0) ctx.fail(rubric);
      }
    },
    examples: () => [
      {
        title: 'Indu d’un exercice antérieur avec un taux et un montant de PAS',
        fails: true,
        edits: [person({}, specificBase({ '008': '99' }))],
      },
      {
        title: 'Indu d’un exercice antérieur avec un taux et un montant nuls',
        fails: false,
        edits: [person({}, specificBase({ '007': '0.00', '008': '99', '010': '0.00' }))],
      },
    ],
  },
  pasRubric('S89.G00.92.008/CCH-12', 'type de taux de prélèvement à la source'),
  requiredIff('S89.G00.92.009/CCH-11', is(ref('S89.G00.92.008'), '01'), {
    examples: () => [
      {
        title: 'Taux transmis par la DGFiP sans son identifiant',
        fails: true,
        edits: [person({}, specificBase({ '008': '01' }))],
      },
      {
        title: 'Identifiant de taux pour un barème',
        fails: true,
        edits: [person({}, specificBase({ '009': '123456789' }))],
      },
      {
        title: 'Taux transmis par la DGFiP avec son identifiant',
        fails: false,
        edits: [person({}, specificBase({ '008': '01', '009': '123456789' }))],
      },
    ],
  }),
  {
    id: 'S89.G00.92.010/CCH-11',
    check(base, ctx) {
      const amount = base.rubric(10);
      const withheld = cents(amount?.value);
      const subject = cents(base.value(13));
      const rate = decimal(base.value(7));
      if (amount === undefined || withheld === null || subject === null || rate === null) return;
      const expected = (subject * rate) / 100;
      if (Math.abs(withheld - expected) > 100 + 1e-6)
        ctx.fail(amount, `attendu ${(expected / 100).toFixed(2)}`);
    },
    examples: () => [
      {
        title: 'PAS de 60,00 pour 900,00 soumis au taux de 5 %',
        fails: true,
        edits: [person({}, specificBase({ '010': '60.00' }))],
      },
      {
        title: 'PAS de 45,90 pour 900,00 soumis au taux de 5 % (écart de moins d’un euro)',
        fails: false,
        edits: [person({}, specificBase({ '010': '45.90' }))],
      },
    ],
  },
  pasRubric('S89.G00.92.010/CCH-12', 'montant de prélèvement à la source'),
  upToFollowingMonth('S89.G00.92.011/CCH-12', {
    examples: () => [
      {
        title: 'Versement du 1er mars 2026 dans la DSN de janvier 2026',
        fails: true,
        edits: [person({}, specificBase({ '011': '01032026' }))],
      },
      {
        title: 'Versement du 28 février 2026 dans la DSN de janvier 2026',
        fails: false,
        edits: [person({}, specificBase({ '011': '28022026' }))],
      },
    ],
  }),
  pasRubric('S89.G00.92.013/CCH-11', 'montant soumis au PAS'),
  crmOnlyForPastPeriod('S89.G00.92.015/CCH-11', dateAt('S89.G00.92.004'), dateAt('S89.G00.92.005'), {
    examples: () => [
      {
        title: 'Identifiant de CRM pour une période du mois principal déclaré',
        fails: true,
        edits: [person({}, specificBase({ '015': 'CRM2026001' }))],
      },
      {
        title: 'Identifiant de CRM pour une régularisation de décembre 2025',
        fails: false,
        edits: [person({}, specificBase({ '004': '01122025', '005': '31122025', '015': 'CRM2026001' }))],
      },
    ],
  }),
  ...netAmount('S89.G00.92.016/CCH-11', 'montant net versé'),
  ...netAmount('S89.G00.92.017/CCH-11', 'montant net social'),
  requiredIff('S89.G00.92.018/CCH-11', all(grossUncapped, absent(ref('S89.G00.92.010'))), {
    examples: () => [
      {
        title: 'Base 50 sans PAS ni retenue à la source de non-résident',
        fails: true,
        edits: [person({}, specificBase({ ...nonResident, '018': null }))],
      },
      {
        title: 'Retenue de non-résident avec un montant de PAS',
        fails: true,
        edits: [person({}, specificBase({ '018': '50.00' }))],
      },
      { title: 'Base 50 de non-résident', fails: false, edits: [person({}, specificBase(nonResident))] },
    ],
  }),
  contributionRequired('S89.G00.94.001/CCH-11', (base) => allowanceTypes.has(base.value(1) ?? ''), [
    {
      title: 'Allocation de cessation d’activité amiante d’un cadre sans cotisation',
      fails: true,
      edits: [person({}, withType('02'))],
    },
    {
      title: 'Allocation de cessation d’activité amiante d’un cadre avec sa cotisation',
      fails: false,
      edits: [person({}, withType('02', {}, contribution()))],
    },
  ]),
  contributionRequired('S89.G00.94.001/CCH-12', (base) => base.value(1) === '05' && base.value(2) === '50', [
    {
      title: 'Somme versée à un tiers, base 50, sans cotisation',
      fails: true,
      edits: [person({}, withType('05'))],
    },
    {
      title: 'Somme versée à un tiers, base 50, avec sa cotisation',
      fails: false,
      edits: [person({}, withType('05', {}, contribution()))],
    },
    {
      title: 'Somme versée à un tiers sans statut catégoriel',
      fails: false,
      edits: [person({ '018': '10' }, withType('05'))],
    },
  ]),
];
