import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { addressCoherence, localityRequired } from '../../lib/address.ts';
import { establishment } from '../../lib/declaration.ts';
import { rubricsForbiddenWhen, rubricsRequiredWhen } from '../../lib/presence.ts';
import {
  all,
  forbiddenWhen,
  is,
  nature,
  not,
  present,
  ref,
  requiredIff,
  requiredWhen,
  valuesOnlyWhen,
} from '../../lib/rules.ts';
import { yearNotAfterDeclaredMonth } from '../../lib/years.ts';

/** The company (S21.G00.06, 13), the establishment (S21.G00.11, 12, 44): context blocks. */

const taxCode = ref('S21.G00.44.001');
/** Taxes whose amount is required: PEEC, taxe sur les salaires and its two bases. */
const taxesWithAmount = ['005', '009', '015', '016'];
/** "Non assujettissement" codes: no amount. */
const exemptions = ['002', '004', '006', '008', '010', '014'];

// ---- example edits ---------------------------------------------------------------------------

const set = (rubric: string, value: string): Edit => ({ set: rubric, value });
const foreignCompany: Edit[] = [
  { remove: 'S21.G00.06.005' },
  { remove: 'S21.G00.06.006' },
  { insertAfter: 'S21.G00.06.004', lines: ["S21.G00.06.010,'BE'", "S21.G00.06.011,'1000 BRUXELLES'"] },
];
const foreignEstablishment: Edit[] = [
  { remove: 'S21.G00.11.004' },
  { remove: 'S21.G00.11.005' },
  { insertAfter: 'S21.G00.11.003', lines: ["S21.G00.11.015,'BE'", "S21.G00.11.016,'1000 BRUXELLES'"] },
];
const bank = (bic: string | null, iban: string) => [
  "S21.G00.12.001,'01'",
  ...(bic === null ? [] : [`S21.G00.12.002,'${bic}'`]),
  `S21.G00.12.003,'${iban}'`,
];
const banks = (...accounts: string[][]): Edit => ({ insertAfter: 'S21.G00.11.022', lines: accounts.flat() });
const iban = 'FR7630006000011234567890189';
const otherIban = 'FR7610107001011234567890129';
const oeth = (...lines: string[]): Edit => ({ insertAfter: 'S21.G00.06.006', lines });
const tax = (...lines: string[]): Edit => ({ insertBefore: 'S21.G00.30.001', lines });

export const companyControls: Control[] = [
  addressCoherence(
    'S21.G00.06.005/CCH-11',
    { country: 10, distribution: 11 },
    {
      examples: () => [
        {
          title: 'Entreprise avec un code postal et un code pays',
          fails: true,
          edits: [{ insertAfter: 'S21.G00.06.006', lines: ["S21.G00.06.010,'BE'"] }],
        },
        {
          title: 'Entreprise étrangère avec un code pays sans code de distribution',
          fails: true,
          edits: [...foreignCompany, { remove: 'S21.G00.06.011' }],
        },
        {
          title: 'Entreprise étrangère : code pays et code de distribution',
          fails: false,
          edits: foreignCompany,
        },
      ],
    },
  ),
  localityRequired('S21.G00.06.006/CCH-11', 5, {
    examples: () => [
      {
        title: 'Code postal de l’entreprise sans localité',
        fails: true,
        edits: [{ remove: 'S21.G00.06.006' }],
      },
      { title: 'Code postal de l’entreprise et sa localité', fails: false, edits: [] },
    ],
  }),
  // "Entreprise étrangère" is not a rubric: read as a company whose address is abroad (code pays).
  requiredWhen('S21.G00.06.012/SIG-11', present(ref('S21.G00.06.010')), {
    examples: () => [
      {
        title: 'Entreprise domiciliée à l’étranger sans implantation',
        fails: true,
        edits: foreignCompany,
      },
      {
        title: 'Entreprise domiciliée à l’étranger avec son implantation',
        fails: false,
        edits: [...foreignCompany, { insertAfter: 'S21.G00.06.011', lines: ["S21.G00.06.012,'03'"] }],
      },
    ],
  }),
  addressCoherence(
    'S21.G00.11.004/CCH-11',
    { country: 15, distribution: 16 },
    {
      examples: () => [
        {
          title: 'Établissement avec un code postal et un code de distribution à l’étranger',
          fails: true,
          edits: [{ insertAfter: 'S21.G00.11.005', lines: ["S21.G00.11.016,'1000 BRUXELLES'"] }],
        },
        {
          title: 'Établissement étranger sans code pays',
          fails: true,
          edits: [...foreignEstablishment, { remove: 'S21.G00.11.015' }],
        },
        {
          title: 'Établissement étranger : code pays et code de distribution',
          fails: false,
          edits: foreignEstablishment,
        },
      ],
    },
  ),
  localityRequired('S21.G00.11.005/CCH-11', 4, {
    examples: () => [
      {
        title: 'Code postal de l’établissement sans localité',
        fails: true,
        edits: [{ remove: 'S21.G00.11.005' }],
      },
      { title: 'Code postal de l’établissement et sa localité', fails: false, edits: [] },
    ],
  }),
  {
    id: 'S21.G00.11.017/CCH-11',
    block: 'S21.G00.40',
    state: () => ({ adhering: false }),
    check(contract, _, state: { adhering: boolean }) {
      const management = contract.value(29);
      if (management === '03' || management === '04') state.adhering = true;
    },
    end(ctx, state: { adhering: boolean }) {
      const place = establishment(ctx);
      if (state.adhering && place !== undefined && !place.has(17)) ctx.fail(place);
    },
    examples: () => [
      {
        title: 'Employeur public adhérant à l’Assurance chômage sans nature juridique',
        fails: true,
        edits: [{ insertAfter: 'S21.G00.40.026', lines: ["S21.G00.40.029,'03'"] }],
      },
      {
        title: 'Employeur public adhérant à l’Assurance chômage avec sa nature juridique',
        fails: false,
        edits: [
          { insertAfter: 'S21.G00.40.026', lines: ["S21.G00.40.029,'04'"] },
          { insertAfter: 'S21.G00.11.005', lines: ["S21.G00.11.017,'02'"] },
        ],
      },
    ],
  },
  requiredWhen('S21.G00.11.019/SIG-11', all(is(ref('S10.G00.00.002'), 'TESE', 'CEA'), nature('01')), {
    examples: () => [
      {
        title: 'DSN mensuelle TESE sans date d’adhésion au dispositif',
        fails: true,
        edits: [set('S10.G00.00.002', 'TESE')],
      },
      {
        title: 'DSN mensuelle CEA avec la date d’adhésion au dispositif',
        fails: false,
        edits: [
          set('S10.G00.00.002', 'CEA'),
          { insertAfter: 'S21.G00.11.005', lines: ["S21.G00.11.019,'01012020'"] },
        ],
      },
    ],
  }),
  forbiddenWhen('S21.G00.11.024/CCH-11', not(is(ref('S20.G00.05.002'), '02', '05')), {
    examples: () => [
      {
        title: 'Demande de sortie de la DSN dans une déclaration avec individus',
        fails: true,
        edits: [{ insertAfter: 'S21.G00.11.022', lines: ["S21.G00.11.024,'01'"] }],
      },
      {
        title: 'Demande de sortie de la DSN dans une déclaration sans individu',
        fails: false,
        edits: [
          set('S20.G00.05.002', '02'),
          { insertAfter: 'S21.G00.11.022', lines: ["S21.G00.11.024,'01'"] },
        ],
      },
    ],
  }),
  valuesOnlyWhen('S21.G00.12.001/CCH-11', ['01'], nature('08'), {
    examples: () => [
      {
        title: 'Compte pour le paiement d’une aide ASP dans une DSN mensuelle',
        fails: true,
        edits: [banks(bank('BNPAFRPP', iban))],
      },
      {
        title: 'Compte pour le paiement d’une aide ASP dans un amorçage',
        fails: false,
        edits: [set('S20.G00.05.001', '08'), banks(bank('BNPAFRPP', iban))],
      },
    ],
  }),
  valuesOnlyWhen('S21.G00.12.001/CCH-12', ['01'], is(ref('S20.G00.05.011'), '01'), {
    examples: () => [
      {
        title: 'Compte pour le paiement d’une aide ASP lors d’une mutation',
        fails: true,
        edits: [
          set('S20.G00.05.001', '08'),
          { insertAfter: 'S20.G00.05.010', lines: ["S20.G00.05.011,'02'"] },
          banks(bank('BNPAFRPP', iban)),
        ],
      },
      {
        title: 'Compte pour le paiement d’une aide ASP lors d’une embauche',
        fails: false,
        edits: [
          set('S20.G00.05.001', '08'),
          { insertAfter: 'S20.G00.05.010', lines: ["S20.G00.05.011,'01'"] },
          banks(bank('BNPAFRPP', iban)),
        ],
      },
    ],
  }),
  {
    id: 'S21.G00.12.001/CCH-13',
    // Each account is compared with the earlier ones of the same use: the later one is reported.
    check(account, ctx) {
      const use = account.value(1);
      const parent = account.parent;
      if (use === undefined || parent === null) return;
      const bic = account.value(2) ?? '';
      const accountIban = account.value(3) ?? '';
      const siblings = parent.children;
      for (let i = 0; i < siblings.length; i++) {
        const other = siblings[i]!;
        if (other === account) return;
        if (other.id !== 'S21.G00.12' || other.value(1) !== use) continue;
        if ((other.value(2) ?? '') !== bic || (other.value(3) ?? '') !== accountIban) {
          ctx.fail(account.rubric(3) ?? account);
          return;
        }
      }
    },
    examples: () => [
      {
        title: 'Deux comptes différents pour le paiement d’une aide ASP',
        fails: true,
        edits: [banks(bank('BNPAFRPP', iban), bank('CCBPFRPP', otherIban))],
      },
      {
        title: 'Même IBAN, avec et sans BIC, pour le même usage',
        fails: true,
        edits: [banks(bank('BNPAFRPP', iban), bank(null, iban))],
      },
      {
        title: 'Le même compte déclaré deux fois pour le même usage',
        fails: false,
        edits: [banks(bank('BNPAFRPP', iban), bank('BNPAFRPP', iban))],
      },
    ],
  },
  requiredIff('S21.G00.13.003/CCH-11', present(ref('S21.G00.13.002')), {
    examples: () => [
      {
        title: 'Type de BOETH externe sans leur nombre',
        fails: true,
        edits: [oeth("S21.G00.13.002,'01'", "S21.G00.13.004,'2025'")],
      },
      {
        title: 'Nombre de BOETH externes sans leur type',
        fails: true,
        edits: [oeth("S21.G00.13.001,'ACC01'", "S21.G00.13.003,'2.00'", "S21.G00.13.004,'2025'")],
      },
      {
        title: 'Type et nombre de BOETH externes',
        fails: false,
        edits: [oeth("S21.G00.13.002,'01'", "S21.G00.13.003,'2.00'", "S21.G00.13.004,'2025'")],
      },
    ],
  }),
  yearNotAfterDeclaredMonth('S21.G00.13.004/CCH-11', {
    examples: () => [
      {
        title: 'Complément OETH rattaché à 2027 dans la DSN de janvier 2026',
        fails: true,
        edits: [oeth("S21.G00.13.002,'01'", "S21.G00.13.003,'2.00'", "S21.G00.13.004,'2027'")],
      },
      {
        title: 'Complément OETH rattaché à 2026 dans la DSN de janvier 2026',
        fails: false,
        edits: [oeth("S21.G00.13.002,'01'", "S21.G00.13.003,'2.00'", "S21.G00.13.004,'2026'")],
      },
    ],
  }),
  {
    id: 'S21.G00.13.004/CCH-12',
    check(complement, ctx) {
      if (!complement.has(1) && !complement.has(2)) ctx.fail(complement.rubric(4) ?? complement);
    },
    examples: () => [
      {
        title: 'Complément OETH réduit au millésime',
        fails: true,
        edits: [oeth("S21.G00.13.004,'2025'")],
      },
      {
        title: 'Complément OETH avec un accord agréé',
        fails: false,
        edits: [oeth("S21.G00.13.001,'ACC01'", "S21.G00.13.004,'2025'")],
      },
    ],
  },
  rubricsRequiredWhen('S21.G00.44.001/CCH-11', [2], is(taxCode, ...taxesWithAmount), {
    examples: () => [
      {
        title: 'Assujettissement à la taxe sur les salaires sans montant',
        fails: true,
        edits: [tax("S21.G00.44.001,'009'", "S21.G00.44.003,'2025'")],
      },
      {
        title: 'Assiette de la taxe sur les salaires au premier taux avec son montant',
        fails: false,
        edits: [tax("S21.G00.44.001,'015'", "S21.G00.44.002,'12000.00'", "S21.G00.44.003,'2025'")],
      },
    ],
  }),
  rubricsForbiddenWhen('S21.G00.44.001/CCH-12', [2], is(taxCode, ...exemptions), {
    examples: () => [
      {
        title: 'Non-assujettissement à la taxe sur les salaires avec un montant',
        fails: true,
        edits: [tax("S21.G00.44.001,'010'", "S21.G00.44.002,'12000.00'", "S21.G00.44.003,'2025'")],
      },
      {
        title: 'Non-assujettissement à la PEEC sans montant',
        fails: false,
        edits: [tax("S21.G00.44.001,'006'", "S21.G00.44.003,'2025'")],
      },
    ],
  }),
  yearNotAfterDeclaredMonth('S21.G00.44.003/CCH-11', {
    examples: () => [
      {
        title: 'Assujettissement fiscal rattaché à 2027 dans la DSN de janvier 2026',
        fails: true,
        edits: [tax("S21.G00.44.001,'009'", "S21.G00.44.002,'100.00'", "S21.G00.44.003,'2027'")],
      },
      {
        title: 'Assujettissement fiscal rattaché à 2025 dans la DSN de janvier 2026',
        fails: false,
        edits: [tax("S21.G00.44.001,'009'", "S21.G00.44.002,'100.00'", "S21.G00.44.003,'2025'")],
      },
    ],
  }),
  requiredIff('S21.G00.44.004/CCH-11', is(taxCode, '002'), {
    examples: () => [
      {
        title: 'Non-assujettissement à la taxe d’apprentissage sans motif',
        fails: true,
        edits: [tax("S21.G00.44.001,'002'", "S21.G00.44.003,'2025'")],
      },
      {
        title: 'Motif de non-assujettissement pour un assujettissement à la taxe d’apprentissage',
        fails: true,
        edits: [tax("S21.G00.44.001,'001'", "S21.G00.44.003,'2025'", "S21.G00.44.004,'01'")],
      },
      {
        title: 'Non-assujettissement à la taxe d’apprentissage avec son motif',
        fails: false,
        edits: [tax("S21.G00.44.001,'002'", "S21.G00.44.003,'2025'", "S21.G00.44.004,'01'")],
      },
    ],
  }),
];
