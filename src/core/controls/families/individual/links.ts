import { blockOf, numberOf, type Control } from '../../control.ts';
import { identifierKey } from '../../lib/state-keys.ts';
import { individualsOf } from './identifiers.ts';
import { departmentExisted } from './nir.ts';

/**
 * The S89 blocks (67, 87, 88, 89) name an individual by NIR or NTT; twelve controls compare them
 * with the individuals (S21.G00.30) of the declaration, which all come before any S89 block: the
 * NIR or NTT must be one of theirs, and the birth department of the NIR must have existed in the
 * birth year of that individual. Each control runs on the individuals (to note them) and on its own
 * block (to judge), with one state per declaration.
 */

type Examples = Control['examples'];

/** "Si le NIR (NTT) est renseigné, il doit être identique à celui déclaré dans S21.G00.30.001 (.020)." */
function declaredIdentifier(id: string, kind: 'nir' | 'ntt', examples: Examples): Control {
  const number = numberOf(id);
  return {
    id,
    examples,
    block: ['S21.G00.30', blockOf(id)],
    check(block, ctx) {
      if (block.id === 'S21.G00.30') return void individualsOf(ctx, block);
      const state = individualsOf(ctx);
      const rubric = block.rubric(number);
      if (rubric === undefined) return;
      const key = identifierKey(rubric.value);
      const known = kind === 'nir' ? state.nirs.has(key) : state.ntts.has(key);
      if (!known) ctx.fail(rubric);
    },
  };
}

/** The NIR's birth department (characters 6-7) against the birth year of the individual with that NIR. */
function departmentOfDeclaredNir(id: string, examples: Examples): Control {
  const number = numberOf(id);
  return {
    id,
    examples,
    block: ['S21.G00.30', blockOf(id)],
    check(block, ctx) {
      if (block.id === 'S21.G00.30') return void individualsOf(ctx, block);
      const state = individualsOf(ctx);
      const nir = block.rubric(number);
      if (nir === undefined || nir.value.length !== 13) return;
      const year = state.nirs.get(identifierKey(nir.value));
      if (year != null && !departmentExisted(nir.value, 5, year)) ctx.fail(nir);
    },
  };
}

/** One S89 block of each kind, identified by `identifier`, at the end of `minimal`. */
const blocks: Record<string, (identifier: string) => string[]> = {
  'S89.G00.67.001': (nir) => [
    `S89.G00.67.001,'${nir}'`,
    "S89.G00.67.003,'1200.00'",
    "S89.G00.67.004,'1.50'",
    "S89.G00.67.005,'2025'",
  ],
  'S89.G00.67.002': (ntt) => [
    `S89.G00.67.002,'${ntt}'`,
    "S89.G00.67.003,'1200.00'",
    "S89.G00.67.004,'1.50'",
    "S89.G00.67.005,'2025'",
  ],
  'S89.G00.87.007': (nir) => [
    "S89.G00.87.001,'01'",
    "S89.G00.87.002,'100'",
    "S89.G00.87.003,'12.50'",
    `S89.G00.87.007,'${nir}'`,
  ],
  'S89.G00.87.008': (ntt) => [
    "S89.G00.87.001,'01'",
    "S89.G00.87.002,'100'",
    "S89.G00.87.003,'12.50'",
    `S89.G00.87.008,'${ntt}'`,
  ],
  'S89.G00.88.008': (nir) => [
    "S89.G00.88.001,'01'",
    "S89.G00.88.002,'100'",
    "S89.G00.88.003,'12.50'",
    "S89.G00.88.004,'10.00'",
    `S89.G00.88.008,'${nir}'`,
  ],
  'S89.G00.88.009': (ntt) => [
    "S89.G00.88.001,'01'",
    "S89.G00.88.002,'100'",
    "S89.G00.88.003,'12.50'",
    "S89.G00.88.004,'10.00'",
    `S89.G00.88.009,'${ntt}'`,
  ],
  'S89.G00.89.007': (nir) => [
    "S89.G00.89.001,'100'",
    "S89.G00.89.002,'10.00'",
    "S89.G00.89.003,'12.50'",
    "S89.G00.89.004,'1.00'",
    "S89.G00.89.005,'15012026'",
    "S89.G00.89.006,'3'",
    `S89.G00.89.007,'${nir}'`,
  ],
  'S89.G00.89.008': (ntt) => [
    "S89.G00.89.001,'100'",
    "S89.G00.89.002,'10.00'",
    "S89.G00.89.003,'12.50'",
    "S89.G00.89.004,'1.00'",
    "S89.G00.89.005,'15012026'",
    "S89.G00.89.006,'3'",
    `S89.G00.89.008,'${ntt}'`,
  ],
};
const planted = (rubric: string, identifier: string) => ({
  insertBefore: 'S90.G00.90.001',
  lines: blocks[rubric]!(identifier),
});
/** The individual of `minimal` identified by a NTT. */
const individualByNtt = [
  { remove: 'S21.G00.30.001' },
  { insertAfter: 'S21.G00.30.015', lines: ["S21.G00.30.020,'1732829320001'"] },
];

const nirExamples =
  (rubric: string): Examples =>
  () => [
    {
      title: "NIR d'aucun individu de la déclaration",
      fails: true,
      edits: [planted(rubric, '2850775123456')],
    },
    { title: "NIR de l'individu de la déclaration", fails: false, edits: [planted(rubric, '1850775123456')] },
  ];
const nttExamples =
  (rubric: string): Examples =>
  () => [
    {
      title: "NTT d'aucun individu de la déclaration",
      fails: true,
      edits: [...individualByNtt, planted(rubric, '1732829320002')],
    },
    {
      title: "NTT de l'individu de la déclaration",
      fails: false,
      edits: [...individualByNtt, planted(rubric, '1732829320001')],
    },
  ];
const departmentExamples =
  (rubric: string): Examples =>
  () => [
    {
      title: 'NIR au département 2A d’un individu né en 1970',
      fails: true,
      edits: [
        { set: 'S21.G00.30.001', value: '170072A123456' },
        { set: 'S21.G00.30.006', value: '14071970' },
        planted(rubric, '170072A123456'),
      ],
    },
    {
      title: 'NIR au département 2A d’un individu né en 1985',
      fails: false,
      edits: [{ set: 'S21.G00.30.001', value: '185072A123456' }, planted(rubric, '185072A123456')],
    },
  ];

export const individualLinkControls: Control[] = [
  departmentOfDeclaredNir('S89.G00.67.001/CCH-11', departmentExamples('S89.G00.67.001')),
  declaredIdentifier('S89.G00.67.001/CCH-13', 'nir', nirExamples('S89.G00.67.001')),
  declaredIdentifier('S89.G00.67.002/CCH-12', 'ntt', nttExamples('S89.G00.67.002')),
  departmentOfDeclaredNir('S89.G00.87.007/CCH-11', departmentExamples('S89.G00.87.007')),
  declaredIdentifier('S89.G00.87.007/CCH-13', 'nir', nirExamples('S89.G00.87.007')),
  declaredIdentifier('S89.G00.87.008/CCH-13', 'ntt', nttExamples('S89.G00.87.008')),
  departmentOfDeclaredNir('S89.G00.88.008/CCH-11', departmentExamples('S89.G00.88.008')),
  declaredIdentifier('S89.G00.88.008/CCH-13', 'nir', nirExamples('S89.G00.88.008')),
  declaredIdentifier('S89.G00.88.009/CCH-13', 'ntt', nttExamples('S89.G00.88.009')),
  departmentOfDeclaredNir('S89.G00.89.007/CCH-11', departmentExamples('S89.G00.89.007')),
  declaredIdentifier('S89.G00.89.007/CCH-13', 'nir', nirExamples('S89.G00.89.007')),
  declaredIdentifier('S89.G00.89.008/CCH-13', 'ntt', nttExamples('S89.G00.89.008')),
];
