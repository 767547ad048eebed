/**
 * Jobs by category: PCS-ESE code (INSEE nomenclature of occupations used in the DSN), job title and
 * the conventional status (S21.G00.40.002) that goes with it.
 */
export interface Job {
  pcs: string;
  title: string;
  /** 04 cadre, 05 profession intermédiaire, 06 employé, 07 ouvrier. */
  status: '04' | '05' | '06' | '07';
}

export const executiveJobs: readonly Job[] = [
  { pcs: '388a', title: 'INGENIEUR D ETUDES ET DEVELOPPEMENT', status: '04' },
  { pcs: '388b', title: 'INGENIEUR SYSTEMES ET RESEAUX', status: '04' },
  { pcs: '372a', title: 'CONTROLEUR DE GESTION', status: '04' },
  { pcs: '372c', title: 'RESPONSABLE RESSOURCES HUMAINES', status: '04' },
  { pcs: '372e', title: 'JURISTE', status: '04' },
  { pcs: '375a', title: 'CHEF DE PUBLICITE', status: '04' },
  { pcs: '382a', title: 'INGENIEUR TRAVAUX', status: '04' },
];

export const nonExecutiveJobs: readonly Job[] = [
  { pcs: '478a', title: 'TECHNICIEN INFORMATIQUE', status: '05' },
  { pcs: '461d', title: 'ASSISTANT DE DIRECTION', status: '05' },
  { pcs: '542a', title: 'SECRETAIRE', status: '06' },
  { pcs: '543a', title: 'COMPTABLE', status: '06' },
  { pcs: '543d', title: 'EMPLOYE ADMINISTRATIF', status: '06' },
  { pcs: '551a', title: 'EMPLOYE LIBRE SERVICE', status: '06' },
  { pcs: '552a', title: 'HOTE DE CAISSE', status: '06' },
  { pcs: '641a', title: 'CONDUCTEUR ROUTIER', status: '07' },
  { pcs: '652a', title: 'MAGASINIER', status: '07' },
  { pcs: '676a', title: 'MANUTENTIONNAIRE', status: '07' },
  { pcs: '684a', title: 'AGENT DE PROPRETE', status: '07' },
  { pcs: '636d', title: 'CUISINIER', status: '07' },
];
