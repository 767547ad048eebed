import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { contractChange, feeBeneficiary, nonSalaried, workplace } from './examples.ts';
import { inTable, valueExamples } from './lookup.ts';

/**
 * CRE controls whose table Relais ships (see `controls/tables.ts`): postal codes, countries, INSEE
 * communes, NAF, collective agreements. Every one reads "valeurs autorisées".
 */

const postal = 'La_Poste_Hexaposte';
const country = 'ISO_3166-1-A2_Pays';
const birthCountry = 'ISO_3166-1-A2_Pays_All';
const naf = 'Insee_Naf_2008_4';
const commune = 'DSN_CodeINSEECommune';
const communePostal = 'DSN_CodeINSEECommune_Postal';

const badPostalCode = { value: '99999', title: 'Code postal qui n’existe pas' };
const overseasPostalCode = { value: '97133', title: 'Code postal de Saint-Barthélemy' };

/** An address abroad: the postal code gives way to the country (rubric `country` of `block`). */
const abroad =
  (postalCode: string, after: string, countryRubric: string) =>
  (value: string): Edit[] => [
    { remove: postalCode },
    { insertAfter: after, lines: [`${countryRubric},'${value}'`] },
  ];

const frenchCountry = { value: 'FR', title: 'Pays France, qui s’exprime par un code postal' };
const germany = { value: 'DE', title: 'Adresse en Allemagne' };

const postalCodes: Control[] = [
  inTable('S10.G00.01.005/CRE-11', postal, {
    examples: () =>
      valueExamples('S10.G00.01.005', badPostalCode, {
        value: '69001',
        title: 'Code postal de Lyon',
      }),
  }),
  inTable('S21.G00.06.005/CRE-11', postal, {
    examples: () => valueExamples('S21.G00.06.005', badPostalCode, overseasPostalCode),
  }),
  inTable('S21.G00.11.004/CRE-11', postal, {
    examples: () =>
      valueExamples('S21.G00.11.004', badPostalCode, {
        value: '98000',
        title: 'Code postal de Monaco',
      }),
  }),
  inTable('S21.G00.30.009/CRE-11', postal, {
    examples: () =>
      valueExamples('S21.G00.30.009', badPostalCode, overseasPostalCode, (value) => [
        {
          insertAfter: 'S21.G00.30.007',
          lines: ["S21.G00.30.008,'1 RUE DU PORT'", `S21.G00.30.009,'${value}'`, "S21.G00.30.010,'GUSTAVIA'"],
        },
      ]),
  }),
  inTable('S21.G00.85.004/CRE-11', postal, {
    examples: () =>
      valueExamples(
        'S21.G00.85.004',
        badPostalCode,
        { value: '13001', title: 'Code postal de Marseille' },
        (value) => [workplace({ '003': '1 QUAI DU PORT', '004': value, '005': 'MARSEILLE' })],
      ),
  }),
  inTable('S89.G00.32.011/CRE-11', postal, {
    examples: () =>
      valueExamples(
        'S89.G00.32.011',
        badPostalCode,
        { value: '33000', title: 'Code postal de Bordeaux' },
        (value) => [feeBeneficiary({ '008': '2 COURS DE L INTENDANCE', '011': value, '012': 'BORDEAUX' })],
      ),
  }),
  inTable('S89.G00.91.009/CRE-11', postal, {
    examples: () =>
      valueExamples(
        'S89.G00.91.009',
        badPostalCode,
        { value: '59000', title: 'Code postal de Lille' },
        (value) => [nonSalaried({ '008': '3 RUE NATIONALE', '009': value, '010': 'LILLE' })],
      ),
  }),
];

const countries: Control[] = [
  inTable('S10.G00.01.007/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S10.G00.01.007',
        frenchCountry,
        germany,
        abroad('S10.G00.01.005', 'S10.G00.01.006', 'S10.G00.01.007'),
      ),
  }),
  inTable('S21.G00.06.010/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S21.G00.06.010',
        { value: 'MC', title: 'Monaco, qui s’exprime par un code postal' },
        { value: 'BE', title: 'Siège en Belgique' },
        abroad('S21.G00.06.005', 'S21.G00.06.006', 'S21.G00.06.010'),
      ),
  }),
  inTable('S21.G00.11.015/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S21.G00.11.015',
        { value: 'XX', title: 'Code pays qui n’existe pas' },
        { value: 'LU', title: 'Établissement au Luxembourg' },
        abroad('S21.G00.11.004', 'S21.G00.11.005', 'S21.G00.11.015'),
      ),
  }),
  inTable('S21.G00.30.011/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S21.G00.30.011',
        { value: 'RE', title: 'La Réunion, qui s’exprime par un code postal' },
        germany,
        (value) => [
          {
            insertAfter: 'S21.G00.30.007',
            lines: [
              "S21.G00.30.008,'HAUPTSTRASSE 1'",
              "S21.G00.30.010,'BERLIN'",
              `S21.G00.30.011,'${value}'`,
            ],
          },
        ],
      ),
  }),
  inTable('S21.G00.85.006/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S21.G00.85.006',
        frenchCountry,
        { value: 'ES', title: 'Lieu de travail en Espagne' },
        (value) => [workplace({ '003': 'CALLE MAYOR 1', '005': 'MADRID', '006': value })],
      ),
  }),
  inTable('S89.G00.32.013/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S89.G00.32.013',
        { value: 'GP', title: 'Guadeloupe, qui s’exprime par un code postal' },
        { value: 'CH', title: 'Bénéficiaire en Suisse' },
        (value) => [feeBeneficiary({ '008': 'RUE DU RHONE 1', '012': 'GENEVE', '013': value })],
      ),
  }),
  inTable('S89.G00.91.011/CRE-11', country, {
    examples: () =>
      valueExamples(
        'S89.G00.91.011',
        { value: 'NC', title: 'Nouvelle-Calédonie, qui s’exprime par un code postal' },
        { value: 'IT', title: 'Non-salarié résidant en Italie' },
        (value) => [nonSalaried({ '008': 'VIA ROMA 1', '010': 'TORINO', '011': value })],
      ),
  }),
  inTable('S21.G00.30.015/CRE-11', birthCountry, {
    examples: () =>
      valueExamples(
        'S21.G00.30.015',
        { value: 'ZZ', title: 'Code pays de naissance qui n’existe pas' },
        { value: 'MA', title: 'Né au Maroc' },
      ),
  }),
  inTable('S89.G00.91.020/CRE-11', birthCountry, {
    examples: () =>
      valueExamples(
        'S89.G00.91.020',
        { value: 'UK', title: 'Code pays de naissance qui n’existe pas (UK pour GB)' },
        { value: 'FR', title: 'Né en France' },
        (value) => [nonSalaried({ '020': value })],
      ),
  }),
];

const activities: Control[] = [
  inTable('S21.G00.06.003/CRE-11', naf, {
    examples: () =>
      valueExamples(
        'S21.G00.06.003',
        { value: '1071Z', title: 'Code APEN qui n’est pas une sous-classe de la NAF' },
        { value: '6201Z', title: 'Programmation informatique' },
      ),
  }),
  inTable('S21.G00.11.002/CRE-11', naf, {
    examples: () =>
      valueExamples(
        'S21.G00.11.002',
        { value: '10.71C', title: 'Code APET écrit avec un point' },
        { value: '4711D', title: 'Supermarchés' },
      ),
  }),
  inTable('S21.G00.85.002/CRE-11', naf, {
    examples: () =>
      valueExamples(
        'S21.G00.85.002',
        { value: '9999Z', title: 'Code APET inconnu' },
        { value: '8610Z', title: 'Activités hospitalières' },
        (value) => [
          workplace({
            '002': value,
            '003': '1 RUE DE L HOPITAL',
            '004': '69003',
            '005': 'LYON',
            '011': '69383',
          }),
        ],
      ),
  }),
];

const unknownAgreement = { value: '0000', title: 'Code convention collective inconnu' };

const agreements: Control[] = [
  inTable('S21.G00.06.015/CRE-11', 'REF_IDCC', {
    examples: () =>
      valueExamples(
        'S21.G00.06.015',
        unknownAgreement,
        { value: '0018', title: 'Industrie textile' },
        (value) => [{ insertAfter: 'S21.G00.06.006', lines: [`S21.G00.06.015,'${value}'`] }],
      ),
  }),
  inTable('S21.G00.11.022/CRE-11', 'REF_IDCC', {
    examples: () => [
      ...valueExamples('S21.G00.11.022', unknownAgreement, {
        value: '2511',
        title: 'Convention collective du sport',
      }),
      {
        title: 'Établissement sans convention collective (9999)',
        fails: false,
        edits: [{ set: 'S21.G00.11.022', value: '9999' }],
      },
    ],
  }),
  inTable('S21.G00.40.017/CRE-11', 'CCN', {
    examples: () =>
      valueExamples(
        'S21.G00.40.017',
        { value: '843', title: 'Code IDCC sans ses zéros de tête' },
        { value: '1596', title: 'Bâtiment, ouvriers (jusqu’à 10 salariés)' },
      ),
  }),
  inTable('S21.G00.41.011/CRE-11', 'CCN', {
    examples: () =>
      valueExamples(
        'S21.G00.41.011',
        unknownAgreement,
        { value: '1501', title: 'Restauration rapide' },
        (value) => [contractChange({ '011': value })],
      ),
  }),
];

const communes: Control[] = [
  inTable('S21.G00.23.006/CRE-11', communePostal, {
    examples: () =>
      valueExamples(
        'S21.G00.23.006',
        { value: '75000', title: 'Code postal de Paris au lieu du code commune' },
        { value: '75056', title: 'Paris' },
        (value) => [{ insertAfter: 'S21.G00.23.005', lines: [`S21.G00.23.006,'${value}'`] }],
        { base: 'mensuelle' },
      ),
  }),
  inTable('S21.G00.81.005/CRE-11', communePostal, {
    examples: () =>
      valueExamples(
        'S21.G00.81.005',
        { value: '25870', title: 'Code postal au lieu du code commune' },
        { value: '25376', title: 'Mérey-Vieilley' },
        (value) => [{ insertAfter: 'S21.G00.81.004', lines: [`S21.G00.81.005,'${value}'`] }],
        { base: 'mensuelle' },
      ),
  }),
  inTable('S21.G00.85.011/CRE-11', commune, {
    examples: () =>
      valueExamples(
        'S21.G00.85.011',
        { value: '69380', title: 'Code commune qui n’existe pas' },
        { value: '69381', title: 'Lyon 1er arrondissement' },
        (value) => [
          workplace({ '003': '1 PLACE DES TERREAUX', '004': '69001', '005': 'LYON', '011': value }),
        ],
      ),
  }),
  inTable('S89.G00.32.009/CRE-11', communePostal, {
    examples: () =>
      valueExamples(
        'S89.G00.32.009',
        { value: '2A000', title: 'Code commune qui n’existe pas' },
        { value: '2A004', title: 'Ajaccio' },
        (value) => [
          feeBeneficiary({ '008': '1 COURS NAPOLEON', '009': value, '011': '20000', '012': 'AJACCIO' }),
        ],
      ),
  }),
];

export const publicTableControls: Control[] = [
  ...postalCodes,
  ...countries,
  ...activities,
  ...agreements,
  ...communes,
];
