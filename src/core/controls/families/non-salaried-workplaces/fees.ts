import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { addressCoherence, localityRequired } from '../../lib/address.ts';
import { present, ref, requiredIff } from '../../lib/rules.ts';
import { decimal } from '../../lib/values.ts';
import { birthYearPlausible, yearNotAfterDeclaredMonth } from '../../lib/years.ts';
import { allowance, benefit, fees, remuneration } from './examples.ts';

/** Fee beneficiaries (S89.G00.32) and their payments (S89.G00.33, 35, 43). */

/** Children carrying an amount (rubric 002): avantages en nature, indemnités, rémunérations. */
const paymentBlocks = new Set(['S89.G00.33', 'S89.G00.35', 'S89.G00.43']);

/** Member states other than France, for which authors' and inventors' fees need a birth date. */
const europeanUnion = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

/** A person (name and first name), living in the EU, paid authors' (06) or inventors' (07) rights. */
function europeanAuthor(beneficiary: Block): boolean {
  if (!beneficiary.has(2) || !beneficiary.has(3)) return false;
  const country = beneficiary.value(13);
  if (country === undefined || !europeanUnion.has(country)) return false;
  const children = beneficiary.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.id !== 'S89.G00.43') continue;
    const type = child.value(1);
    if (type === '06' || type === '07') return true;
  }
  return false;
}

const abroad = { '008': null, '011': null, '012': null, '013': 'DE', '014': '10115 BERLIN' };

export const feeControls: Control[] = [
  {
    id: 'S89.G00.32.001/CCH-12',
    check(beneficiary, ctx) {
      const children = beneficiary.children;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (!paymentBlocks.has(child.id)) continue;
        const amount = child.value(2);
        const value = decimal(amount);
        // An unreadable amount is the datatype check's: no judgement on this beneficiary.
        if (amount !== undefined && value === null) return;
        if (value !== null && value > 0) return;
      }
      ctx.fail(beneficiary.rubric(1) ?? beneficiary);
    },
    examples: () => [
      { title: 'Bénéficiaire d’honoraires sans aucun versement', fails: true, edits: [fees({}, [])] },
      {
        title: 'Bénéficiaire d’honoraires dont la seule rémunération est négative',
        fails: true,
        edits: [fees({}, remuneration('01', '-100.00'))],
      },
      {
        title: 'Bénéficiaire d’un avantage en nature et d’une indemnité',
        fails: false,
        edits: [fees({}, benefit('200.00'), allowance('50.00'))],
      },
    ],
  },
  requiredIff('S89.G00.32.003/CCH-11', present(ref('S89.G00.32.002')), {
    examples: () => [
      { title: 'Nom du bénéficiaire sans prénom', fails: true, edits: [fees({ '003': null })] },
      { title: 'Prénom du bénéficiaire sans nom', fails: true, edits: [fees({ '002': null })] },
      { title: 'Nom et prénom du bénéficiaire', fails: false, edits: [fees()] },
    ],
  }),
  {
    id: 'S89.G00.32.003/CCH-12',
    check(beneficiary, ctx) {
      const person = beneficiary.has(2) || beneficiary.has(3);
      const company = beneficiary.has(4) || beneficiary.has(5) || beneficiary.has(6);
      if (person === company) ctx.fail(beneficiary.rubric(3) ?? beneficiary);
    },
    examples: () => [
      {
        title: 'Bénéficiaire identifié à la fois comme personne et comme société',
        fails: true,
        edits: [fees({ '004': '552100554', '005': '00013', '006': 'CABINET MARTIN' })],
      },
      {
        title: 'Bénéficiaire sans nom ni raison sociale',
        fails: true,
        edits: [fees({ '002': null, '003': null })],
      },
      {
        title: 'Bénéficiaire société identifiée par SIREN, NIC et raison sociale',
        fails: false,
        edits: [
          fees({ '002': null, '003': null, '004': '552100554', '005': '00013', '006': 'CABINET MARTIN' }),
        ],
      },
    ],
  },
  {
    id: 'S89.G00.32.006/CCH-11',
    check(beneficiary, ctx) {
      const count =
        (beneficiary.has(4) ? 1 : 0) + (beneficiary.has(5) ? 1 : 0) + (beneficiary.has(6) ? 1 : 0);
      if (count === 1 || count === 2) ctx.fail(beneficiary.rubric(6) ?? beneficiary);
    },
    examples: () => [
      {
        title: 'Raison sociale sans SIREN ni NIC',
        fails: true,
        edits: [fees({ '002': null, '003': null, '006': 'CABINET MARTIN' })],
      },
      {
        title: 'SIREN et NIC sans raison sociale',
        fails: true,
        edits: [fees({ '002': null, '003': null, '004': '552100554', '005': '00013' })],
      },
      {
        title: 'SIREN, NIC et raison sociale',
        fails: false,
        edits: [
          fees({ '002': null, '003': null, '004': '552100554', '005': '00013', '006': 'CABINET MARTIN' }),
        ],
      },
    ],
  },
  addressCoherence(
    'S89.G00.32.011/CCH-12',
    { country: 13, distribution: 14 },
    {
      examples: () => [
        {
          title: 'Bénéficiaire avec un code postal et un code pays',
          fails: true,
          edits: [fees({ '013': 'DE' })],
        },
        {
          title: 'Bénéficiaire à l’étranger sans code de distribution',
          fails: true,
          edits: [fees({ ...abroad, '014': null })],
        },
        {
          title: 'Bénéficiaire à l’étranger : code pays et code de distribution',
          fails: false,
          edits: [fees(abroad)],
        },
      ],
    },
  ),
  localityRequired('S89.G00.32.012/CCH-11', 11, {
    examples: () => [
      { title: 'Code postal du bénéficiaire sans localité', fails: true, edits: [fees({ '012': null })] },
      { title: 'Code postal du bénéficiaire avec sa localité', fails: false, edits: [fees()] },
    ],
  }),
  yearNotAfterDeclaredMonth('S89.G00.32.017/CCH-11', {
    examples: () => [
      {
        title: 'Honoraires rattachés à 2027 dans la DSN de janvier 2026',
        fails: true,
        edits: [fees({ '017': '2027' })],
      },
      {
        title: 'Honoraires rattachés à 2026 dans la DSN de janvier 2026',
        fails: false,
        edits: [fees({ '017': '2026' })],
      },
    ],
  }),
  birthYearPlausible('S89.G00.32.018/CCH-11', {
    examples: () => [
      {
        title: 'Bénéficiaire né en 2028, contrôlé en 2027',
        fails: true,
        today: 20270315,
        edits: [fees({ ...abroad, '018': '01012028' }, remuneration('06', '800.00'))],
      },
      {
        title: 'Bénéficiaire né en 1970, contrôlé en 2027',
        fails: false,
        today: 20270315,
        edits: [fees({ ...abroad, '018': '01011970' }, remuneration('06', '800.00'))],
      },
    ],
  }),
  requiredIff('S89.G00.32.018/SIG-12', europeanAuthor, {
    examples: () => [
      {
        title: 'Droits d’auteur versés à une personne résidant en Allemagne sans date de naissance',
        fails: true,
        edits: [fees(abroad, remuneration('06', '800.00'))],
      },
      {
        title: 'Date de naissance d’un bénéficiaire payé en honoraires',
        fails: true,
        edits: [fees({ ...abroad, '018': '01011970' })],
      },
      {
        title: 'Droits d’inventeur versés à une personne résidant en Allemagne, avec sa date de naissance',
        fails: false,
        edits: [fees({ ...abroad, '018': '01011970' }, remuneration('07', '800.00'))],
      },
    ],
  }),
];
