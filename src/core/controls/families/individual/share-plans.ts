import type { Edit } from '../../../examples/edit.ts';
import type { ControlExample } from '../../../examples/example.ts';
import type { Control } from '../../control.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { is, ref, requiredIff, requiredWhen } from '../../lib/rules.ts';
import { yearNotAfterDeclaredMonth } from '../../lib/years.ts';
import {
  nirOrNtt,
  notTrailingNines,
  notUnknownNir,
  nttCarriesSiren,
  nttStartsWithSex,
  nttWithoutSpace,
} from './nir.ts';

/**
 * Blocks of the declaration that name an individual by NIR or NTT: Droit supplémentaire de
 * retraite à prestations définies (S89.G00.67), Actions gratuites (87), Options sur titres (88),
 * BSPCE (89).
 */

/** One S89 block as the examples write it: rubrics `NNN,'value'` in file order, identifiers apart. */
interface Plan {
  block: string;
  nir: number;
  ntt: number;
  /** Rubrics other than the identifiers. */
  rubrics: string[];
}

const plan67: Plan = {
  block: 'S89.G00.67',
  nir: 1,
  ntt: 2,
  rubrics: ["003,'1200.00'", "004,'1.50'", "005,'2025'"],
};
const plan87: Plan = {
  block: 'S89.G00.87',
  nir: 7,
  ntt: 8,
  rubrics: ["001,'01'", "002,'100'", "003,'12.50'"],
};
const plan88: Plan = {
  block: 'S89.G00.88',
  nir: 8,
  ntt: 9,
  rubrics: ["001,'01'", "002,'100'", "003,'12.50'", "004,'10.00'"],
};
const plan89: Plan = {
  block: 'S89.G00.89',
  nir: 7,
  ntt: 8,
  rubrics: ["001,'100'", "002,'10.00'", "003,'12.50'", "004,'1.00'", "005,'15012026'", "006,'3'"],
};

const pad = (n: number) => String(n).padStart(3, '0');
/** The NIR of the individual of `minimal`. */
const knownNir = '1850775123456';

/**
 * The block inserted at the end of `minimal`, identified by `nir` and/or `ntt`; `changes` replace
 * or add rubrics (`005,'…'`), and a rubric written `NNN` alone is removed.
 */
function planted(plan: Plan, ids: { nir?: string; ntt?: string }, changes: string[] = []): Edit {
  const byNumber = new Map(plan.rubrics.map((l) => [l.slice(0, 3), l]));
  if (ids.nir !== undefined) byNumber.set(pad(plan.nir), `${pad(plan.nir)},'${ids.nir}'`);
  if (ids.ntt !== undefined) byNumber.set(pad(plan.ntt), `${pad(plan.ntt)},'${ids.ntt}'`);
  for (const c of changes) {
    if (c.length === 3) byNumber.delete(c);
    else byNumber.set(c.slice(0, 3), c);
  }
  const lines = [...byNumber.keys()].sort().map((k) => `${plan.block}.${byNumber.get(k)!}`);
  return { insertBefore: 'S90.G00.90.001', lines };
}

const known = (plan: Plan, changes: string[]): Edit => planted(plan, { nir: knownNir }, changes);

const example = (
  title: string,
  fails: boolean,
  plan: Plan,
  ids: { nir?: string; ntt?: string },
): ControlExample => ({
  title,
  fails,
  edits: [planted(plan, ids)],
});

/** The rules every S89 block repeats on its NIR and NTT, with their official ids. */
function identityControls(
  plan: Plan,
  ids: { unknown: string; either: string; nines: string; siren: string; sex: string; space: string },
): Control[] {
  return [
    notUnknownNir(ids.unknown, {
      examples: () => [
        example('NIR inconnu écrit 2999999999999', true, plan, { nir: '2999999999999' }),
        example('NIR réel', false, plan, { nir: knownNir }),
      ],
    }),
    nirOrNtt(ids.either, plan.ntt, {
      examples: () => [
        example('Ni NIR ni NTT', true, plan, {}),
        example('NTT sans NIR', false, plan, { ntt: '1732829320001' }),
      ],
    }),
    notTrailingNines(ids.nines, {
      examples: () => [
        example('NIR terminé par six 9', true, plan, { nir: '1850775999999' }),
        example('NIR terminé par cinq 9', false, plan, { nir: '1850775199999' }),
      ],
    }),
    nttCarriesSiren(ids.siren, {
      examples: () => [
        example("NTT qui ne reprend pas le SIREN de l'entreprise", true, plan, { ntt: '1552100554001' }),
        example("NTT qui reprend le SIREN de l'entreprise", false, plan, { ntt: '1732829320001' }),
      ],
    }),
    nttStartsWithSex(ids.sex, {
      examples: () => [
        example('NTT commençant par 3', true, plan, { ntt: '3732829320001' }),
        example('NTT commençant par 2', false, plan, { ntt: '2732829320001' }),
      ],
    }),
    nttWithoutSpace(ids.space, {
      examples: () => [
        example('NTT contenant une espace', true, plan, { ntt: '1732829320 01' }),
        example('NTT sans espace', false, plan, { ntt: '173282932001' }),
      ],
    }),
  ];
}

/**
 * "…doit être présente si et seulement si le code contexte est renseigné avec la valeur 02 - non":
 * `full` is the block's rubrics of that context, `rubric` the number under test.
 */
function onlyInContextNo(id: string, plan: Plan, full: string[], rubric: string, label: string): Control {
  return requiredIff(id, is(ref(`${plan.block}.001`), '02'), {
    examples: () => [
      {
        title: `${label} absente avec le code contexte 02`,
        fails: true,
        edits: [known(plan, ["001,'02'", ...full, rubric])],
      },
      {
        title: `${label} présente avec le code contexte 01`,
        fails: true,
        edits: [
          known(
            plan,
            full.filter((l) => l.startsWith(rubric)),
          ),
        ],
      },
      {
        title: `${label} présente avec le code contexte 02`,
        fails: false,
        edits: [known(plan, ["001,'02'", ...full])],
      },
    ],
  });
}

/** §4.4.12 on a date of an S89 block written with `full`. */
function datedInMonth(id: string, plan: Plan, full: string[], rubric: string): Control {
  const at = (date: string) => known(plan, [...full, `${rubric},'${date}'`]);
  return notAfterDeclaredMonth(id, {
    examples: () => [
      { title: 'Date postérieure au mois principal déclaré', fails: true, edits: [at('01022026')] },
      { title: 'Date du dernier jour du mois principal déclaré', fails: false, edits: [at('31012026')] },
    ],
  });
}

/** Code contexte 02 of S89.G00.87 (acquisition) and S89.G00.88 (option exercise), with their rubrics. */
const acquisition = ["001,'02'", "004,'1.00'", "005,'01092022'", "006,'01092025'"];
const exercise = ["001,'02'", "005,'1.00'", "006,'01092022'", "007,'01092025'"];

export const sharePlanControls: Control[] = [
  ...identityControls(plan67, {
    unknown: 'S89.G00.67.001/CCH-12',
    either: 'S89.G00.67.001/CCH-14',
    nines: 'S89.G00.67.001/CCH-15',
    siren: 'S89.G00.67.002/CCH-11',
    sex: 'S89.G00.67.002/CSL-11',
    space: 'S89.G00.67.002/CSL-12',
  }),
  yearNotAfterDeclaredMonth('S89.G00.67.005/CCH-11', {
    examples: () => [
      {
        title: "Millésime postérieur à l'année du mois déclaré",
        fails: true,
        edits: [known(plan67, ["005,'2027'"])],
      },
      { title: "Millésime de l'année du mois déclaré", fails: false, edits: [known(plan67, ["005,'2026'"])] },
    ],
  }),
  requiredWhen('S89.G00.87.004/CCH-11', is(ref('S89.G00.87.001'), '02'), {
    examples: () => [
      {
        title: 'Acquisition (code contexte 02) sans fraction du gain de source française',
        fails: true,
        edits: [known(plan87, [...acquisition, '004'])],
      },
      {
        title: 'Acquisition avec la fraction du gain de source française',
        fails: false,
        edits: [known(plan87, acquisition)],
      },
    ],
  }),
  onlyInContextNo('S89.G00.87.005/CCH-11', plan87, acquisition, '005', "Date d'attribution"),
  datedInMonth('S89.G00.87.005/SIG-12', plan87, acquisition, '005'),
  onlyInContextNo('S89.G00.87.006/CCH-11', plan87, acquisition, '006', "Date d'acquisition définitive"),
  datedInMonth('S89.G00.87.006/SIG-12', plan87, acquisition, '006'),
  ...identityControls(plan87, {
    unknown: 'S89.G00.87.007/CCH-12',
    either: 'S89.G00.87.007/CCH-14',
    nines: 'S89.G00.87.007/CCH-15',
    siren: 'S89.G00.87.008/CCH-12',
    sex: 'S89.G00.87.008/CSL-11',
    space: 'S89.G00.87.008/CSL-12',
  }),
  onlyInContextNo('S89.G00.88.005/CCH-11', plan88, exercise, '005', "Fraction du gain de levée d'option"),
  onlyInContextNo('S89.G00.88.006/CCH-11', plan88, exercise, '006', "Date d'attribution"),
  datedInMonth('S89.G00.88.006/SIG-12', plan88, exercise, '006'),
  onlyInContextNo('S89.G00.88.007/CCH-11', plan88, exercise, '007', "Date de levée de l'option"),
  datedInMonth('S89.G00.88.007/SIG-12', plan88, exercise, '007'),
  ...identityControls(plan88, {
    unknown: 'S89.G00.88.008/CCH-12',
    either: 'S89.G00.88.008/CCH-14',
    nines: 'S89.G00.88.008/CCH-15',
    siren: 'S89.G00.88.009/CCH-12',
    sex: 'S89.G00.88.009/CSL-11',
    space: 'S89.G00.88.009/CSL-12',
  }),
  datedInMonth('S89.G00.89.005/SIG-11', plan89, [], '005'),
  ...identityControls(plan89, {
    unknown: 'S89.G00.89.007/CCH-12',
    either: 'S89.G00.89.007/CCH-14',
    nines: 'S89.G00.89.007/CCH-15',
    siren: 'S89.G00.89.008/CCH-12',
    sex: 'S89.G00.89.008/CSL-11',
    space: 'S89.G00.89.008/CSL-12',
  }),
];
