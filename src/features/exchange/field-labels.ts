import type { GrantableField } from './fields.ts';

/** What each grantable field is, in French, for the API catalogue. */
export const fieldLabels: Record<GrantableField, string> = {
  netTaxable: 'Net fiscal (rémunération nette fiscale)',
  netPaid: 'Net versé (montant net payé)',
  netSocial: 'Montant net social',
  gross: 'Brut (rémunération brute non plafonnée)',
  pasWithheld: 'Prélèvement à la source retenu',
  payer: 'Payeur (SIRET de l’établissement qui verse)',
  incomeClass: 'Classe de revenu (PASRAU : pension, chômage, indemnités journalières…)',
  provenance: 'Provenance (déclaration, dépôt, lignes du fichier)',
  kind: 'Nature du versement',
  source: 'Source (DSN ou PASRAU)',
};
