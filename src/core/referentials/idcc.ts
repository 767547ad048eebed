import type { ReferentialSource } from './source.ts';

/**
 * Collective agreements (IDCC) the generator draws from: the 49 national agreements of
 * `@socialgouv/kali-data` 3.449.0 whose articles it ships (`data/index.json`: `num`, `shortTitle`,
 * `effectif`), with the NAF divisions where each is the usual one. `nafDivisions` is not in the
 * package: it was added by hand so that generated companies get an activity code consistent with
 * their agreement. The complete list of the package (the norm's `REF_IDCC` / `CCN` tables) is
 * `data/idcc.json`, extracted by `scripts/extract-idcc.ts` (see `idcc-list.ts`).
 */
export const idccSource: ReferentialSource = { package: '@socialgouv/kali-data', version: '3.449.0' };

export interface CollectiveAgreement {
  /** Four digits, as declared: `0016`, `1486`. */
  idcc: string;
  title: string;
  /** Employees covered, as kali-data gives it (0 when unknown). */
  workforce: number;
  nafDivisions: readonly string[];
}

export const collectiveAgreements: readonly CollectiveAgreement[] = [
  {
    idcc: '1486',
    title: "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseils",
    workforce: 857061,
    nafDivisions: ['62', '63', '70', '71', '72', '73', '74'],
  },
  {
    idcc: '3248',
    title: 'Métallurgie',
    workforce: 722667,
    nafDivisions: ['24', '25', '26', '27', '28', '29', '30', '33'],
  },
  {
    idcc: '2216',
    title: 'Commerce de détail et de gros à prédominance alimentaire',
    workforce: 689830,
    nafDivisions: ['47'],
  },
  {
    idcc: '0016',
    title: 'Transports routiers et activités auxiliaires du transport',
    workforce: 679524,
    nafDivisions: ['49', '52'],
  },
  { idcc: '1979', title: 'Hôtels, cafés, restaurants', workforce: 580085, nafDivisions: ['55', '56'] },
  {
    idcc: '0413',
    title: 'Handicapés : établissements et services pour les personnes inadaptées et handicapées',
    workforce: 430195,
    nafDivisions: ['87', '88'],
  },
  {
    idcc: '1090',
    title:
      "Services de l'automobile (Commerce et réparation de l'automobile, du cycle et du motocycle, activités connexes, contrôle technique automobile, formation des conducteurs)",
    workforce: 422715,
    nafDivisions: ['45'],
  },
  {
    idcc: '3043',
    title: 'Entreprises de propreté et services associés',
    workforce: 367142,
    nafDivisions: ['81'],
  },
  { idcc: '0573', title: 'Commerces de gros', workforce: 341572, nafDivisions: ['46'] },
  {
    idcc: '1596',
    title: "Bâtiment Ouvriers (entreprises occupant jusqu'à 10 salariés)",
    workforce: 282254,
    nafDivisions: ['41', '43'],
  },
  { idcc: '2264', title: 'Hospitalisation privée', workforce: 272286, nafDivisions: ['86'] },
  {
    idcc: '1597',
    title: 'Bâtiment Ouvriers (entreprises occupant plus de 10 salariés)',
    workforce: 257290,
    nafDivisions: ['41', '43'],
  },
  { idcc: '0044', title: 'Industries chimiques et connexes', workforce: 218310, nafDivisions: ['20'] },
  { idcc: '2120', title: 'Banque', workforce: 216431, nafDivisions: ['64'] },
  {
    idcc: '2941',
    title: 'Aide, accompagnement, soins et services à domicile (BAD)',
    workforce: 203690,
    nafDivisions: ['88'],
  },
  { idcc: '1501', title: 'Restauration rapide', workforce: 171010, nafDivisions: ['56'] },
  { idcc: '1702', title: 'Travaux publics (Tome II : Ouvriers)', workforce: 164919, nafDivisions: ['42'] },
  {
    idcc: '1351',
    title: 'Entreprises de prévention et de sécurité',
    workforce: 160768,
    nafDivisions: ['80'],
  },
  {
    idcc: '1527',
    title: 'Immobilier : administrateurs de biens, sociétés immobilières, agents immobiliers',
    workforce: 141326,
    nafDivisions: ['68'],
  },
  { idcc: '1672', title: "Sociétés d'assurances", workforce: 140739, nafDivisions: ['65'] },
  { idcc: '2609', title: 'Bâtiment ETAM', workforce: 140105, nafDivisions: ['41', '43'] },
  {
    idcc: '0787',
    title: "Personnel des cabinets d'experts-comptables et de commissaires aux comptes",
    workforce: 138440,
    nafDivisions: ['69'],
  },
  {
    idcc: '0843',
    title: 'Boulangerie-pâtisserie (entreprises artisanales)',
    workforce: 134889,
    nafDivisions: ['10'],
  },
  { idcc: '0176', title: 'Industrie pharmaceutique', workforce: 129135, nafDivisions: ['21'] },
  {
    idcc: '2098',
    title: 'Prestataires de services dans le domaine du secteur tertiaire',
    workforce: 127011,
    nafDivisions: ['82'],
  },
  {
    idcc: '0675',
    title: "Maisons à succursales de vente au détail d'habillement",
    workforce: 119795,
    nafDivisions: ['47'],
  },
  { idcc: '1996', title: "Pharmacie d'officine", workforce: 119196, nafDivisions: ['47'] },
  { idcc: '0292', title: 'Plasturgie', workforce: 118314, nafDivisions: ['22'] },
  {
    idcc: '1518',
    title: 'Éducation, culture, loisirs et animation au service des territoires (ÉCLAT)',
    workforce: 113828,
    nafDivisions: ['93', '94'],
  },
  { idcc: '2596', title: 'Coiffure et professions connexes', workforce: 98152, nafDivisions: ['96'] },
  {
    idcc: '1517',
    title:
      "Commerces de détail non alimentaires : antiquités, brocante, galeries d'art (œuvres d'art), arts de la table, coutellerie, droguerie, équipement du foyer, bazars, commerces ménagers, modélisme, jeux, jouets, puérinatalité, maroquinerie, presse et jeux de hasard ou pronostics, produits de la vape",
    workforce: 97292,
    nafDivisions: ['47'],
  },
  { idcc: '1266', title: 'Restauration de collectivités', workforce: 93662, nafDivisions: ['56'] },
  { idcc: '2148', title: 'Télécommunications', workforce: 88278, nafDivisions: ['61'] },
  { idcc: '0275', title: 'Transport aérien : personnel au sol', workforce: 85188, nafDivisions: ['51'] },
  { idcc: '1147', title: 'Personnel des cabinets médicaux', workforce: 83776, nafDivisions: ['86'] },
  { idcc: '2614', title: 'Travaux publics (Tome III : ETAM)', workforce: 83576, nafDivisions: ['42'] },
  { idcc: '2511', title: 'Sport', workforce: 80901, nafDivisions: ['93'] },
  {
    idcc: '1505',
    title: 'Commerce de détail alimentaire non spécialisé',
    workforce: 80514,
    nafDivisions: ['47'],
  },
  {
    idcc: '1404',
    title:
      'Entreprises de la maintenance, distribution et location de matériels agricoles, de travaux publics, de bâtiment, de manutention, de motoculture de plaisance et activités connexes, dite SDLM',
    workforce: 79387,
    nafDivisions: ['77'],
  },
  {
    idcc: '1606',
    title: 'Bricolage (vente au détail en libre-service)',
    workforce: 75861,
    nafDivisions: ['47'],
  },
  {
    idcc: '0086',
    title: 'Entreprises de la publicité et assimilées',
    workforce: 75306,
    nafDivisions: ['73'],
  },
  { idcc: '1516', title: 'Organismes de formation', workforce: 72823, nafDivisions: ['85'] },
  { idcc: '3127', title: 'Entreprises de services à la personne', workforce: 70878, nafDivisions: ['88'] },
  { idcc: '2420', title: 'Bâtiment Cadres', workforce: 69213, nafDivisions: ['41', '43'] },
  {
    idcc: '1483',
    title: "Commerce de détail de l'habillement et des articles textiles",
    workforce: 63554,
    nafDivisions: ['47'],
  },
  {
    idcc: '1043',
    title: "Gardiens, concierges et employés d'immeubles",
    workforce: 62393,
    nafDivisions: ['68'],
  },
  { idcc: '1480', title: 'Journalistes', workforce: 38019, nafDivisions: ['58'] },
  {
    idcc: '3239',
    title: 'Particuliers employeurs et emploi à domicile',
    workforce: 1173,
    nafDivisions: ['97'],
  },
  {
    idcc: '0029',
    title:
      "Hospitalisation privée : établissements privés d'hospitalisation, de soins, de cure et de garde à but non lucratif (FEHAP)",
    workforce: 0,
    nafDivisions: ['86', '87'],
  },
];

const known = new Set(collectiveAgreements.map((a) => a.idcc));

/** Only the agreements of the extract are known: absence here does not mean an unknown IDCC. */
export function isListedIdcc(idcc: string): boolean {
  return known.has(idcc);
}
