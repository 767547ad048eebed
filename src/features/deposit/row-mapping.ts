import { resourceTables } from '../drm/lines.ts';

/**
 * Which rubrics of which block land in which column of the normalised tables (see the intake
 * migration). Each row also gets `declaration_key`, `line` (its block's first line) and the lines
 * of the enclosing blocks it belongs to (`links`), in that order.
 */

export type ValueKind = 'text' | 'date' | 'numeric' | 'integer';

export type Link = 'individual_line' | 'contract_line' | 'payment_line' | 'base_line';

export interface RowMapping {
  table: string;
  block: string;
  links: readonly Link[];
  /** Column, rubric number, kind — in column order. */
  fields: readonly (readonly [string, number, ValueKind])[];
  /** Adds `last_line` after `line` (individuals: their rows elsewhere lie in [line, last_line]). */
  lastLine?: true;
}

export const unitMappings: readonly RowMapping[] = [
  {
    table: 'individual',
    block: 'S21.G00.30',
    links: [],
    lastLine: true,
    fields: [
      ['nir', 1, 'text'],
      ['ntt', 20, 'text'],
      ['last_name', 2, 'text'],
      ['usage_name', 3, 'text'],
      ['first_names', 4, 'text'],
      ['sex', 5, 'text'],
      ['birth_date', 6, 'text'],
      ['birth_place', 7, 'text'],
      ['birth_department', 14, 'text'],
      ['birth_country', 15, 'text'],
      ['postal_code', 9, 'text'],
      ['city', 10, 'text'],
      ['country', 11, 'text'],
      ['employee_number', 19, 'text'],
    ],
  },
  {
    table: 'contract',
    block: 'S21.G00.40',
    links: ['individual_line'],
    fields: [
      ['start_date', 1, 'date'],
      ['status', 2, 'text'],
      ['pcs', 4, 'text'],
      ['job_title', 6, 'text'],
      ['nature', 7, 'text'],
      ['contract_number', 9, 'text'],
      ['planned_end_date', 10, 'date'],
      ['work_unit', 11, 'text'],
      ['reference_quantity', 12, 'numeric'],
      ['quantity', 13, 'numeric'],
      ['work_mode', 14, 'text'],
      ['idcc', 17, 'text'],
      ['workplace', 19, 'text'],
    ],
  },
  {
    table: 'work_stoppage',
    block: 'S21.G00.60',
    links: ['individual_line', 'contract_line'],
    fields: [
      ['reason', 1, 'text'],
      ['last_day_worked', 2, 'date'],
      ['planned_end_date', 3, 'date'],
      ['subrogation', 4, 'text'],
      ['resumption_date', 10, 'date'],
      ['resumption_reason', 11, 'text'],
      ['accident_date', 12, 'date'],
    ],
  },
  {
    table: 'contract_end',
    block: 'S21.G00.62',
    links: ['individual_line', 'contract_line'],
    fields: [
      ['end_date', 1, 'date'],
      ['reason', 2, 'text'],
      ['notification_date', 3, 'date'],
      ['last_day_paid', 6, 'date'],
    ],
  },
  {
    table: 'payment',
    block: 'S21.G00.50',
    links: ['individual_line'],
    fields: [
      ['payment_date', 1, 'date'],
      ['net_taxable', 2, 'numeric'],
      ['payment_number', 3, 'text'],
      ['net_paid', 4, 'numeric'],
      ['pas_rate', 6, 'numeric'],
      ['pas_rate_type', 7, 'text'],
      ['pas_rate_id', 8, 'text'],
      ['pas_amount', 9, 'numeric'],
      ['pas_base', 13, 'numeric'],
    ],
  },
  {
    table: 'remuneration',
    block: 'S21.G00.51',
    links: ['individual_line', 'payment_line'],
    fields: [
      ['period_start', 1, 'date'],
      ['period_end', 2, 'date'],
      ['contract_number', 10, 'text'],
      ['type', 11, 'text'],
      ['hours', 12, 'numeric'],
      ['amount', 13, 'numeric'],
    ],
  },
  {
    table: 'bonus',
    block: 'S21.G00.52',
    links: ['individual_line', 'payment_line'],
    fields: [
      ['type', 1, 'text'],
      ['amount', 2, 'numeric'],
      ['period_start', 3, 'date'],
      ['period_end', 4, 'date'],
      ['contract_number', 6, 'text'],
      ['original_payment_date', 7, 'date'],
    ],
  },
  {
    table: 'other_income',
    block: 'S21.G00.54',
    links: ['individual_line', 'payment_line'],
    fields: [
      ['type', 1, 'text'],
      ['amount', 2, 'numeric'],
      ['period_start', 3, 'date'],
      ['period_end', 4, 'date'],
      ['contract_number', 5, 'text'],
    ],
  },
  {
    table: 'net_income',
    block: 'S21.G00.58',
    links: ['individual_line', 'payment_line'],
    fields: [
      ['period_start', 1, 'date'],
      ['period_end', 2, 'date'],
      ['type', 3, 'text'],
      ['amount', 4, 'numeric'],
    ],
  },
  {
    table: 'base',
    block: 'S21.G00.78',
    links: ['individual_line', 'payment_line'],
    fields: [
      ['type', 1, 'text'],
      ['period_start', 2, 'date'],
      ['period_end', 3, 'date'],
      ['amount', 4, 'numeric'],
      ['affiliation_id', 5, 'text'],
      ['contract_number', 6, 'text'],
    ],
  },
  {
    table: 'contribution',
    block: 'S21.G00.81',
    links: ['individual_line', 'payment_line', 'base_line'],
    fields: [
      ['code', 1, 'text'],
      ['organism', 2, 'text'],
      ['base_amount', 3, 'numeric'],
      ['amount', 4, 'numeric'],
      ['commune', 5, 'text'],
      ['rate', 7, 'numeric'],
    ],
  },
];

/** The declaration's context rows (once per declaration; `siret` is SIREN + NIC). */
export const contextColumns = {
  company: [
    'declaration_key',
    'line',
    'siren',
    'head_office_nic',
    'ape',
    'postal_code',
    'city',
    'country',
    'idcc',
  ],
  establishment: [
    'declaration_key',
    'line',
    'siret',
    'nic',
    'apet',
    'postal_code',
    'city',
    'country',
    'headcount',
    'idcc',
  ],
} as const;

export function columnsOf(mapping: RowMapping): string[] {
  return [
    'declaration_key',
    'line',
    ...(mapping.lastLine ? ['last_line'] : []),
    ...mapping.links,
    ...mapping.fields.map(([column]) => column),
  ];
}

/** Every table a deposit writes, with its COPY column order; the DRM's resource lines last. */
export const rowTables: readonly { table: string; columns: readonly string[] }[] = [
  { table: 'company', columns: contextColumns.company },
  { table: 'establishment', columns: contextColumns.establishment },
  ...unitMappings.map((m) => ({ table: m.table, columns: columnsOf(m) })),
  ...resourceTables,
];
