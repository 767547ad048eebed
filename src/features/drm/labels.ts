/** Every code the DRM answers with, and its French label (`libelle`). */

export const sources = {
  DSN: 'Déclaration sociale nominative (employeur)',
  PASRAU: 'Déclaration PASRAU (revenus de remplacement et autres revenus)',
} as const;

export type SourceCode = keyof typeof sources;

export const kinds = {
  SALAIRE: 'Rémunération versée par un employeur (versement individu S21.G00.50)',
  REVENU_AUTRE:
    'Revenu de remplacement ou autre revenu versé par un organisme (pension, allocation chômage, indemnités journalières…)',
} as const;

export type KindCode = keyof typeof kinds;

/**
 * Income classes of PASRAU payments (S21.G00.50.014). The official CLREV nomenclature is not in
 * Relais's sources: these are the classes `relais generate --pasrau` writes; any other declared
 * code is returned as declared, with a label saying so.
 */
export const incomeClasses: Record<string, string> = {
  RETRAITE: 'Pension de retraite',
  CHOMAGE: 'Allocation chômage',
  'IJ-MALADIE': 'Indemnités journalières maladie',
  INVALIDITE: 'Pension d’invalidité',
};

export const incomeClassOf = (code: string) => ({
  code,
  libelle:
    incomeClasses[code] ?? `Classe de revenu déclarée « ${code} » (nomenclature non publiée dans Relais)`,
});

export const monthStatuses = {
  DECLARE: 'Ressources déclarées pour ce mois',
  ABSENT: 'Aucune ressource connue pour ce mois à la date de connaissance demandée',
} as const;

export type MonthStatus = keyof typeof monthStatuses;

export const windows = {
  M2_M4: 'Trimestre de référence du RSA et de la prime d’activité depuis mars 2025 (mois M-4 à M-2)',
  M1_M3: 'Trimestre des trois mois précédents (mois M-3 à M-1), référence antérieure à 2025',
} as const;

export type WindowCode = keyof typeof windows;

export const coded = <T extends Record<string, string>>(labels: T, code: keyof T & string) => ({
  code,
  libelle: labels[code]!,
});
