/**
 * The response fields a habilitation may grant, the scope of a receiving body's reads: an answer
 * carries only its habilitation's fields, the others absent (not null). The amounts are those of
 * a resource line and of its month's totals; `netSocial` is also the only amount of the reference
 * windows. The others describe a line: who paid (`payer`), from which declaration (`source`,
 * `provenance`), what kind of income (`kind`, and `incomeClass` for PASRAU payments).
 */
export const grantableFields = [
  'netTaxable',
  'netPaid',
  'netSocial',
  'gross',
  'pasWithheld',
  'payer',
  'incomeClass',
  'provenance',
  'kind',
  'source',
] as const;

export type GrantableField = (typeof grantableFields)[number];

export const amountFields = ['netTaxable', 'netPaid', 'netSocial', 'gross', 'pasWithheld'] as const;

export function isGrantableField(name: string): name is GrantableField {
  return (grantableFields as readonly string[]).includes(name);
}
