import type { Block } from '../../../parse/tree.ts';
import { numberOf, type Control, type ControlContext } from '../../control.ts';
import { addressCoherence, localityRequired } from '../../lib/address.ts';
import { company } from '../../lib/declaration.ts';
import { absent, ref, requiredWhen, valueRule } from '../../lib/rules.ts';
import { birthYearPlausible, yearOf } from '../../lib/years.ts';
import { beforeFooter, person, personLines } from './examples.ts';

/** Non-salaried persons (S89.G00.91), streamed after the individuals (S21.G00.30). */

const placeholderNirs = new Set(['1999999999999', '2999999999999']);
const sixNinesAtTheEnd = /9{6}$/;
const nirYear = /^\d(\d{2})/;

/**
 * Birth departments whose validity depends on the birth year: Corsica is 20 before 1976 and
 * 2A/2B from 1976; 96 (former Tunisia protectorate) is accepted only for births before 1968.
 */
function departmentFitsYear(department: string, year: number): boolean {
  if (department === '2A' || department === '2B') return year >= 1976;
  if (department === '20') return year < 1976;
  if (department === '96') return year < 1968;
  return true;
}

/** Birth year (S89.G00.91.006) of the person, or null. */
const birthYear = (person: Block) => yearOf(person.value(6));

/** An identifier (NIR or NTT) appears only once among the declaration's non-salaried persons. */
function uniqueAmongPersons(id: string, examples: Control['examples']): Control<Set<string>> {
  const number = numberOf(id);
  return {
    id,
    state: () => new Set<string>(),
    check(person, ctx, seen) {
      const rubric = person.rubric(number);
      if (rubric === undefined) return;
      if (seen.has(rubric.value)) ctx.fail(rubric);
      else seen.add(rubric.value);
    },
    examples,
  };
}

/** Nature 08 is about one person: a non-salaried person excludes any S21.G00.30 (read before). */
function noEmployeeInSeeding(id: string, examples: Control['examples']): Control {
  return valueRule(
    id,
    (_, __, ctx: ControlContext) => ctx.nature === '08' && (ctx.declaration?.individuals ?? 0) > 0,
    { examples },
  );
}

const seeding = { set: 'S20.G00.05.001', value: '08' } as const;
const withoutEmployee = { removeBlock: 'S21.G00.30' } as const;
const abroad = { '008': null, '009': null, '010': null, '011': 'BE', '012': '1000 BRUXELLES' };
const withNtt = (ntt: string) => ({ '001': null, '021': ntt });

export const nonSalariedControls: Control[] = [
  {
    id: 'S89.G00.91.001/CCH-11',
    check(person, ctx) {
      const nir = person.rubric(1);
      const year = birthYear(person);
      if (nir === undefined || nir.value.length !== 13 || year === null) return;
      if (!departmentFitsYear(nir.value.slice(5, 7), year)) ctx.fail(nir);
    },
    examples: () => [
      {
        title: 'NIR avec le département 2A pour une personne née en 1970',
        fails: true,
        edits: [person({ '001': '170052A123456', '006': '10051970', '019': '20' })],
      },
      {
        title: 'NIR avec le département 96 pour une personne née en 1970',
        fails: true,
        edits: [person({ '001': '1700596123456', '006': '10051970', '019': '96' })],
      },
      {
        title: 'NIR avec le département 20 pour une personne née en 1970',
        fails: false,
        edits: [person({ '001': '1700520123456', '006': '10051970', '019': '20' })],
      },
    ],
  },
  valueRule('S89.G00.91.001/CCH-12', (nir) => placeholderNirs.has(nir), {
    examples: () => [
      {
        title: 'NIR de substitution 1999999999999',
        fails: true,
        edits: [person({ '001': '1999999999999' })],
      },
      { title: 'NIR réel', fails: false, edits: [person()] },
    ],
  }),
  uniqueAmongPersons('S89.G00.91.001/CCH-13', () => [
    {
      title: 'Deux individus non salariés avec le même NIR',
      fails: true,
      edits: [beforeFooter(personLines(), personLines({ '002': 'MARTINI' }))],
    },
    {
      title: 'Deux individus non salariés avec des NIR différents',
      fails: false,
      edits: [beforeFooter(personLines(), personLines({ '001': '2900175123456', '006': '01011990' }))],
    },
  ]),
  noEmployeeInSeeding('S89.G00.91.001/CCH-14', () => [
    { title: 'Amorçage pour un salarié et un individu non salarié', fails: true, edits: [seeding, person()] },
    {
      title: 'Amorçage pour un seul individu non salarié',
      fails: false,
      edits: [seeding, withoutEmployee, person()],
    },
  ]),
  valueRule('S89.G00.91.001/CCH-15', (nir) => sixNinesAtTheEnd.test(nir), {
    examples: () => [
      { title: 'NIR terminé par six « 9 »', fails: true, edits: [person({ '001': '1850775999999' })] },
      { title: 'NIR terminé par cinq « 9 »', fails: false, edits: [person({ '001': '1850775199999' })] },
    ],
  }),
  {
    id: 'S89.G00.91.006/CCH-11',
    check(person, ctx) {
      const birth = person.rubric(6);
      const year = nirYear.exec(person.value(1) ?? '');
      if (birth === undefined || year === null || yearOf(birth.value) === null) return;
      if (birth.value.slice(6, 8) !== year[1]) ctx.fail(birth);
    },
    examples: () => [
      {
        title: 'Né en 1986 avec un NIR de l’année 85',
        fails: true,
        edits: [person({ '006': '14071986' })],
      },
      { title: 'Né en 1985 avec un NIR de l’année 85', fails: false, edits: [person()] },
    ],
  },
  birthYearPlausible('S89.G00.91.006/CCH-12', {
    examples: () => [
      {
        title: 'Individu non salarié né en 1905, contrôlé en 2026',
        fails: true,
        today: 20260315,
        edits: [person({ '001': '1050775123456', '006': '14071905' })],
      },
      {
        title: 'Individu non salarié né en 1907, contrôlé en 2026',
        fails: false,
        today: 20260315,
        edits: [person({ '001': '1070775123456', '006': '14071907' })],
      },
    ],
  }),
  addressCoherence(
    'S89.G00.91.009/CCH-11',
    { country: 11, distribution: 12 },
    {
      examples: () => [
        {
          title: 'Adresse avec un code postal et un code pays',
          fails: true,
          edits: [person({ '011': 'BE' })],
        },
        {
          title: 'Adresse à l’étranger sans code pays',
          fails: true,
          edits: [person({ ...abroad, '011': null })],
        },
        {
          title: 'Adresse à l’étranger : code pays et code de distribution',
          fails: false,
          edits: [person(abroad)],
        },
      ],
    },
  ),
  localityRequired('S89.G00.91.010/CCH-11', 9, {
    examples: () => [
      { title: 'Code postal sans localité', fails: true, edits: [person({ '010': null })] },
      { title: 'Code postal avec sa localité', fails: false, edits: [person()] },
    ],
  }),
  valueRule(
    'S89.G00.91.018/CCH-11',
    (status, p) => status === '01' && p.value(17) !== '03' && p.value(17) !== '04',
    {
      examples: () => [
        {
          title: 'Cadre pour la retraite complémentaire, profession intermédiaire par convention',
          fails: true,
          edits: [person({ '017': '05' })],
        },
        {
          title: 'Cadre pour la retraite complémentaire et par convention',
          fails: false,
          edits: [person({ '017': '03' })],
        },
      ],
    },
  ),
  valueRule('S89.G00.91.018/SIG-12', (status, p) => status === '02' && p.value(17) !== '05', {
    examples: () => [
      {
        title: 'Extension cadre pour un cadre conventionnel',
        fails: true,
        edits: [person({ '017': '04', '018': '02' })],
      },
      {
        title: 'Extension cadre pour une profession intermédiaire',
        fails: false,
        edits: [person({ '017': '05', '018': '02' })],
      },
    ],
  }),
  valueRule(
    'S89.G00.91.019/CCH-11',
    (department, p) => {
      const year = birthYear(p);
      return year !== null && !departmentFitsYear(department, year);
    },
    {
      examples: () => [
        {
          title: 'Né en Corse en 1970, département 2A',
          fails: true,
          edits: [person({ '001': '1700520123456', '006': '10051970', '019': '2A' })],
        },
        {
          title: 'Né en Corse en 1980, département 2A',
          fails: false,
          edits: [person({ '001': '1800520123456', '006': '10051980', '019': '2A' })],
        },
      ],
    },
  ),
  requiredWhen('S89.G00.91.021/CCH-12', absent(ref('S89.G00.91.001')), {
    examples: () => [
      { title: 'Ni NIR ni numéro technique temporaire', fails: true, edits: [person({ '001': null })] },
      {
        title: 'Numéro technique temporaire en l’absence de NIR',
        fails: false,
        edits: [person(withNtt('1732829320A1'))],
      },
    ],
  }),
  valueRule(
    'S89.G00.91.021/CCH-13',
    (ntt, _, ctx) => {
      const siren = company(ctx)?.value(1);
      return siren !== undefined && ntt.slice(1, 10) !== siren;
    },
    {
      examples: () => [
        {
          title: 'Numéro technique temporaire formé d’un autre SIREN',
          fails: true,
          edits: [person(withNtt('1552100554A1'))],
        },
        {
          title: 'Numéro technique temporaire formé du SIREN de l’entreprise',
          fails: false,
          edits: [person(withNtt('1732829320A1'))],
        },
      ],
    },
  ),
  uniqueAmongPersons('S89.G00.91.021/CCH-14', () => [
    {
      title: 'Deux individus non salariés avec le même numéro technique temporaire',
      fails: true,
      edits: [beforeFooter(personLines(withNtt('1732829320A1')), personLines(withNtt('1732829320A1')))],
    },
    {
      title: 'Deux individus non salariés avec des numéros techniques temporaires différents',
      fails: false,
      edits: [beforeFooter(personLines(withNtt('1732829320A1')), personLines(withNtt('1732829320A2')))],
    },
  ]),
  noEmployeeInSeeding('S89.G00.91.021/CCH-15', () => [
    {
      title: 'Amorçage pour un salarié et un individu non salarié sans NIR',
      fails: true,
      edits: [seeding, person(withNtt('1732829320A1'))],
    },
    {
      title: 'Amorçage pour un seul individu non salarié sans NIR',
      fails: false,
      edits: [seeding, withoutEmployee, person(withNtt('1732829320A1'))],
    },
  ]),
  valueRule('S89.G00.91.021/CSL-11', (ntt) => ntt[0] !== '1' && ntt[0] !== '2', {
    examples: () => [
      {
        title: 'Numéro technique temporaire commençant par 3',
        fails: true,
        edits: [person(withNtt('3732829320A1'))],
      },
      {
        title: 'Numéro technique temporaire commençant par 2',
        fails: false,
        edits: [person(withNtt('2732829320A1'))],
      },
    ],
  }),
  valueRule('S89.G00.91.021/CSL-15', (ntt) => ntt.includes(' '), {
    examples: () => [
      {
        title: 'Numéro technique temporaire contenant un espace',
        fails: true,
        edits: [person(withNtt('1732829320 A1'))],
      },
      {
        title: 'Numéro technique temporaire sans espace',
        fails: false,
        edits: [person(withNtt('1732829320A01'))],
      },
    ],
  }),
];
