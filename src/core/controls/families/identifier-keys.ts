import {
  frenchIbanCountries,
  isValidFrenchBban,
  isValidIban,
  isValidSiren,
  isValidSiret,
} from '../../identifiers/check-digits.ts';
import type { Edit } from '../../examples/edit.ts';
import type { ControlExample } from '../../examples/example.ts';
import type { Block } from '../../parse/tree.ts';
import { numberOf, type Control } from '../control.ts';

/**
 * Check keys of identifiers (CSL, and the few CCH that are key checks). A key is only checked on a
 * value of the right shape: a wrong length or a letter is already reported by the datatype check.
 */

const digits = (n: number) => new RegExp(`^\\d{${n}}$`);
const nine = digits(9);
const fourteen = digits(14);

/** The value checked is the rubric itself, or built from it and its neighbours (SIREN + NIC). */
type Compose = (block: Block, own: string) => string | undefined;

function keyControl(
  id: string,
  valid: (value: string) => boolean,
  shape: RegExp,
  message: string,
  compose: Compose = (_, own) => own,
): Control {
  const number = numberOf(id);
  return {
    id,
    message,
    examples: () => examples[id] ?? [],
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric === undefined) return;
      const value = compose(block, rubric.value);
      if (value === undefined || !shape.test(value)) return;
      if (!valid(value)) ctx.fail(rubric);
    },
  };
}

const sirenOfSiret: Compose = (_, own) => own.slice(0, 9);
/** NIC in a block whose SIREN is rubric `sirenNumber` of the same block. */
const withSirenOf =
  (sirenNumber: number): Compose =>
  (block, nic) => {
    const siren = block.value(sirenNumber);
    return siren === undefined ? undefined : siren + nic;
  };
/** NIC of an establishment: the SIREN is in the enclosing company block. */
const withCompanySiren: Compose = (block, nic) => {
  const siren = block.ancestor('S21.G00.06')?.value(1);
  return siren === undefined ? undefined : siren + nic;
};

/** Lines that add a block the reference declaration lacks, with the identifier under test. */
const bank = (iban: string): Edit => ({
  insertAfter: 'S21.G00.11.022',
  lines: ["S21.G00.12.001,'02'", "S21.G00.12.002,'BNPAFRPP'", `S21.G00.12.003,'${iban}'`],
});
const payment = (iban: string): Edit => ({
  insertAfter: 'S21.G00.11.022',
  lines: [
    "S21.G00.20.001,'78861779300013'",
    `S21.G00.20.004,'${iban}'`,
    "S21.G00.20.005,'420.00'",
    "S21.G00.20.006,'01012026'",
    "S21.G00.20.007,'31012026'",
    "S21.G00.20.010,'05'",
  ],
});
const contractChange = (siret: string): Edit => ({
  insertAfter: 'S21.G00.40.040',
  lines: ["S21.G00.41.001,'01012026'", `S21.G00.41.012,'${siret}'`],
});
const previousContract = (siret: string): Edit => ({
  insertAfter: 'S21.G00.40.040',
  lines: [`S21.G00.45.001,'${siret}'`, "S21.G00.45.002,'00001'"],
});
const workplace = (id: string, nature: string): Edit => ({
  insertBefore: 'S90.G00.90.001',
  lines: [`S21.G00.85.001,'${id}'`, `S21.G00.85.010,'${nature}'`],
});
const fees = (siren: string, nic: string): Edit => ({
  insertBefore: 'S90.G00.90.001',
  lines: [
    "S89.G00.32.001,'AVOCAT'",
    "S89.G00.32.002,'MARTIN'",
    `S89.G00.32.004,'${siren}'`,
    `S89.G00.32.005,'${nic}'`,
    "S89.G00.32.017,'2026'",
  ],
});
const laPoste = 'règle La Poste : somme des chiffres multiple de 5';
/** A French IBAN whose own key is right but whose RIB key (last two digits of the BBAN) is wrong. */
const wrongRib = 'FR0630006000011234567890188';
const goodIban = 'FR7630006000011234567890189';

const examples: Record<string, ControlExample[]> = {
  'S10.G00.01.001/CSL-11': [
    {
      title: "SIREN de l'émetteur dont la clé est fausse",
      fails: true,
      edits: [{ set: 'S10.G00.01.001', value: '732829321' }],
    },
    {
      title: "Autre SIREN d'émetteur valide",
      fails: false,
      edits: [{ set: 'S10.G00.01.001', value: '552100554' }],
    },
  ],
  'S10.G00.01.002/CCH-11': [
    {
      title: "NIC de l'émetteur qui ne forme pas un SIRET valide",
      fails: true,
      edits: [{ set: 'S10.G00.01.002', value: '00075' }],
    },
    {
      title: `Établissement de La Poste (${laPoste})`,
      fails: false,
      edits: [
        { set: 'S10.G00.01.001', value: '356000000' },
        { set: 'S10.G00.01.002', value: '49837' },
      ],
    },
  ],
  'S20.G00.05.012/CSL-12': [
    {
      title: 'Dernier SIRET connu dont la clé est fausse',
      fails: true,
      edits: [{ insertAfter: 'S20.G00.05.010', lines: ["S20.G00.05.012,'73282932000075'"] }],
    },
    {
      title: 'Dernier SIRET connu valide',
      fails: false,
      edits: [{ insertAfter: 'S20.G00.05.010', lines: ["S20.G00.05.012,'55210055400013'"] }],
    },
  ],
  'S21.G00.06.001/CSL-11': [
    {
      title: "SIREN de l'entreprise dont la clé est fausse",
      fails: true,
      edits: [{ set: 'S21.G00.06.001', value: '732829321' }],
    },
    {
      title: "Autre SIREN d'entreprise valide",
      fails: false,
      edits: [
        { set: 'S21.G00.06.001', value: '552100554' },
        { set: 'S21.G00.06.002', value: '00013' },
      ],
    },
  ],
  'S21.G00.06.002/CSL-11': [
    {
      title: 'NIC du siège qui ne forme pas un SIRET valide',
      fails: true,
      edits: [{ set: 'S21.G00.06.002', value: '00075' }],
    },
    {
      title: 'Siège de La Poste',
      fails: false,
      edits: [
        { set: 'S21.G00.06.001', value: '356000000' },
        { set: 'S21.G00.06.002', value: '00048' },
      ],
    },
  ],
  'S21.G00.11.001/CSL-12': [
    {
      title: "NIC de l'établissement qui ne forme pas un SIRET valide avec le SIREN de l'entreprise",
      fails: true,
      edits: [{ set: 'S21.G00.11.001', value: '00083' }],
    },
    {
      title: `Établissement de La Poste (${laPoste})`,
      fails: false,
      edits: [
        { set: 'S21.G00.06.001', value: '356000000' },
        { set: 'S21.G00.11.001', value: '49837' },
      ],
    },
  ],
  'S21.G00.12.003/CSL-11': [
    { title: 'IBAN dont la clé est fausse', fails: true, edits: [bank('FR7730006000011234567890189')] },
    { title: 'IBAN étranger valide', fails: false, edits: [bank('DE89370400440532013000')] },
  ],
  'S21.G00.12.003/CSL-12': [
    { title: 'IBAN français dont la clé RIB est fausse', fails: true, edits: [bank(wrongRib)] },
    { title: 'IBAN français dont la clé RIB est juste', fails: false, edits: [bank(goodIban)] },
  ],
  'S21.G00.20.004/CSL-11': [
    {
      title: 'IBAN de télérèglement dont la clé est fausse',
      fails: true,
      edits: [payment('FR7730006000011234567890189')],
    },
    { title: 'IBAN de télérèglement valide', fails: false, edits: [payment(goodIban)] },
  ],
  'S21.G00.20.004/CSL-13': [
    { title: 'IBAN de télérèglement dont la clé RIB est fausse', fails: true, edits: [payment(wrongRib)] },
    {
      title: 'IBAN étranger : pas de clé RIB à vérifier',
      fails: false,
      edits: [payment('DE89370400440532013000')],
    },
  ],
  'S21.G00.41.012/CSL-11': [
    {
      title: "Ancien SIRET d'affectation dont le SIREN est faux",
      fails: true,
      edits: [contractChange('73282932100074')],
    },
    { title: "Ancien SIRET d'affectation valide", fails: false, edits: [contractChange('55210055400013')] },
  ],
  'S21.G00.41.012/CSL-12': [
    {
      title: "Ancien SIRET d'affectation dont la clé SIRET est fausse",
      fails: true,
      edits: [contractChange('73282932000075')],
    },
    { title: "Ancien SIRET d'affectation valide", fails: false, edits: [contractChange('73282932000074')] },
  ],
  'S21.G00.45.001/CSL-11': [
    {
      title: 'SIRET précédent dont le SIREN est faux',
      fails: true,
      edits: [previousContract('73282932100074')],
    },
    { title: 'SIRET précédent valide', fails: false, edits: [previousContract('55210055400013')] },
  ],
  'S21.G00.45.001/CSL-12': [
    {
      title: 'SIRET précédent dont la clé SIRET est fausse',
      fails: true,
      edits: [previousContract('55210055400014')],
    },
    { title: 'SIRET précédent valide', fails: false, edits: [previousContract('55210055400013')] },
  ],
  'S21.G00.85.001/CCH-11': [
    {
      title: 'Lieu de travail de nature établissement dont le SIREN est faux',
      fails: true,
      edits: [workplace('73282932100074', '01')],
    },
    {
      title: "Lieu de travail d'une autre nature : pas de clé à vérifier",
      fails: false,
      edits: [workplace('73282932100074', '02')],
    },
  ],
  'S21.G00.85.001/CCH-12': [
    {
      title: 'Lieu de travail de nature établissement dont la clé SIRET est fausse',
      fails: true,
      edits: [workplace('73282932000075', '01')],
    },
    {
      title: 'Lieu de travail de nature établissement valide',
      fails: false,
      edits: [workplace('73282932000074', '01')],
    },
  ],
  'S21.G00.85.001/CCH-13': [
    {
      title: 'SIRET valide pour un lieu de travail « à domicile »',
      fails: true,
      edits: [workplace('73282932000074', '03')],
    },
    {
      title: 'Identifiant libre pour un lieu de travail « à domicile »',
      fails: false,
      edits: [workplace('DOMICILE01', '03')],
    },
  ],
  'S89.G00.32.004/CSL-12': [
    {
      title: 'SIREN du bénéficiaire des honoraires dont la clé est fausse',
      fails: true,
      edits: [fees('552100555', '00013')],
    },
    {
      title: 'SIREN du bénéficiaire des honoraires valide',
      fails: false,
      edits: [fees('552100554', '00013')],
    },
  ],
  'S89.G00.32.005/CCH-11': [
    {
      title: 'NIC du bénéficiaire qui ne forme pas un SIRET valide',
      fails: true,
      edits: [fees('552100554', '00014')],
    },
    { title: 'NIC du bénéficiaire valide', fails: false, edits: [fees('552100554', '00013')] },
  ],
};

function ibanControl(id: string, message: string): Control {
  return keyControl(id, isValidIban, /^[A-Z]{2}\d{2}[A-Z0-9]+$/, message);
}

/** Only French-format accounts carry a RIB key inside their BBAN. */
function bbanControl(id: string, message: string): Control {
  return keyControl(
    id,
    (iban) => isValidFrenchBban(iban.slice(4)),
    /^[A-Z]{2}\d{2}[A-Z0-9]{23}$/,
    message,
    (_, iban) => (frenchIbanCountries.has(iban.slice(0, 2)) ? iban : undefined),
  );
}

/** S21.G00.85.010 = 01: the work place is an establishment, identified by its SIRET. */
const establishmentWorkplace: Compose = (block, own) => (block.value(10) === '01' ? own : undefined);

export const keyControls: Control[] = [
  keyControl(
    'S10.G00.01.001/CSL-11',
    isValidSiren,
    nine,
    "Le SIREN de l'émetteur ne respecte pas la clé SIREN.",
  ),
  keyControl(
    'S10.G00.01.002/CCH-11',
    isValidSiret,
    fourteen,
    "Le NIC de l'émetteur, associé à son SIREN, ne respecte pas la clé SIRET.",
    withSirenOf(1),
  ),
  keyControl(
    'S20.G00.05.012/CSL-12',
    isValidSiret,
    fourteen,
    'Le dernier SIRET connu pour l’ancien numéro de contrat ne respecte pas la clé SIRET.',
  ),
  keyControl(
    'S21.G00.06.001/CSL-11',
    isValidSiren,
    nine,
    "Le SIREN de l'entreprise ne respecte pas la clé SIREN.",
  ),
  keyControl(
    'S21.G00.06.002/CSL-11',
    isValidSiret,
    fourteen,
    'Le NIC du siège ne respecte pas la clé NIC.',
    withSirenOf(1),
  ),
  keyControl(
    'S21.G00.11.001/CSL-12',
    isValidSiret,
    fourteen,
    "Le NIC de l'établissement ne respecte pas la clé NIC.",
    withCompanySiren,
  ),
  ibanControl(
    'S21.G00.12.003/CSL-11',
    "L'IBAN des coordonnées bancaires spécifiques ne respecte pas la clé IBAN.",
  ),
  bbanControl(
    'S21.G00.12.003/CSL-12',
    "L'IBAN des coordonnées bancaires spécifiques ne respecte pas la clé RIB (BBAN).",
  ),
  ibanControl(
    'S21.G00.20.004/CSL-11',
    'Les coordonnées bancaires du compte visé par le télérèglement des cotisations sociales ne respectent pas la clé IBAN.',
  ),
  bbanControl(
    'S21.G00.20.004/CSL-13',
    'Les coordonnées bancaires du compte visé par le télérèglement des cotisations sociales ne respectent pas la clé BBAN.',
  ),
  keyControl(
    'S21.G00.41.012/CSL-11',
    isValidSiren,
    nine,
    "Le SIRET de l'ancien établissement d'affectation ne respecte pas la clé SIREN.",
    sirenOfSiret,
  ),
  keyControl(
    'S21.G00.41.012/CSL-12',
    isValidSiret,
    fourteen,
    "Le SIRET de l'ancien établissement d'affectation ne respecte pas la clé SIRET.",
  ),
  keyControl(
    'S21.G00.45.001/CSL-11',
    isValidSiren,
    nine,
    'Le SIRET déclarant le contrat précédemment ne respecte pas la clé SIREN.',
    sirenOfSiret,
  ),
  keyControl(
    'S21.G00.45.001/CSL-12',
    isValidSiret,
    fourteen,
    'Le SIRET déclarant le contrat précédemment ne respecte pas la clé SIRET.',
  ),
  keyControl(
    'S21.G00.85.001/CCH-11',
    isValidSiren,
    nine,
    "L'identifiant du lieu de travail de nature établissement ne vérifie pas la clé SIREN.",
    (block, own) => establishmentWorkplace(block, own)?.slice(0, 9),
  ),
  keyControl(
    'S21.G00.85.001/CCH-12',
    isValidSiret,
    fourteen,
    "L'identifiant du lieu de travail de nature établissement ne vérifie pas la clé SIRET.",
    establishmentWorkplace,
  ),
  {
    id: 'S21.G00.85.001/CCH-13',
    examples: () => examples['S21.G00.85.001/CCH-13'] ?? [],
    check(block, ctx) {
      const rubric = block.rubric(1);
      if (rubric === undefined || block.value(10) !== '03') return;
      if (fourteen.test(rubric.value) && isValidSiret(rubric.value)) ctx.fail(rubric);
    },
  },
  keyControl(
    'S89.G00.32.004/CSL-12',
    isValidSiren,
    nine,
    'Le SIREN du bénéficiaire des honoraires ne respecte pas la clé SIREN.',
  ),
  keyControl(
    'S89.G00.32.005/CCH-11',
    isValidSiret,
    fourteen,
    'Le NIC du bénéficiaire des honoraires ne respecte pas la clé NIC.',
    withSirenOf(4),
  ),
];
