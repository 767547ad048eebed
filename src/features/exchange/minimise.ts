import type { BodyCaller, OperatorCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { Amounts, ResourceLineView, ResourcesAnswer } from '../drm/read.ts';
import { amountFields, grantableFields, isGrantableField, type GrantableField } from './fields.ts';

/**
 * Field minimisation: an answer keeps the fields its habilitation grants and nothing else; the
 * others are absent, not null, so that "not granted" never reads as "not declared". What frames
 * the answer stays: the NIR the caller sent, the months, whether each has data, the payment dates.
 */

/** The fields a caller receives, in the order of `grantableFields`; the operator receives all. */
export function grantedFields(caller: BodyCaller | OperatorCaller): GrantableField[] {
  if (caller.kind === 'operator') return [...grantableFields];
  return grantableFields.filter((f) => caller.fields.includes(f) && isGrantableField(f));
}

function pickAmounts(amounts: Amounts, fields: readonly GrantableField[]): Partial<Amounts> {
  const kept: Partial<Amounts> = {};
  for (const f of amountFields) if (fields.includes(f)) kept[f] = amounts[f];
  return kept;
}

export type MinimisedLine = Partial<Omit<ResourceLineView, 'amounts'>> & {
  paymentDate: string;
  amounts: Partial<Amounts>;
};

function minimisedLine(line: ResourceLineView, fields: readonly GrantableField[]): MinimisedLine {
  return {
    paymentDate: line.paymentDate,
    ...(fields.includes('payer') ? { payer: line.payer } : {}),
    ...(fields.includes('source') ? { source: line.source } : {}),
    ...(fields.includes('kind') ? { kind: line.kind } : {}),
    ...(fields.includes('incomeClass') ? { incomeClass: line.incomeClass } : {}),
    amounts: pickAmounts(line.amounts, fields),
    ...(fields.includes('provenance') ? { provenance: line.provenance } : {}),
  };
}

export type MinimisedResources = Omit<ResourcesAnswer, 'months'> & {
  months: (Omit<ResourcesAnswer['months'][number], 'totals' | 'lines'> & {
    totals: Partial<Amounts>;
    lines: MinimisedLine[];
  })[];
};

export function minimiseResources(
  answer: ResourcesAnswer,
  fields: readonly GrantableField[],
): MinimisedResources {
  return {
    ...answer,
    months: answer.months.map((m) => ({
      month: m.month,
      status: m.status,
      totals: pickAmounts(m.totals, fields),
      lines: m.lines.map((l) => minimisedLine(l, fields)),
    })),
  };
}

/** The windows are amounts of `netSocial` only: a habilitation without it cannot read them. */
export function checkWindowsGranted(fields: readonly GrantableField[]): void {
  if (!fields.includes('netSocial')) {
    throw new AppError(
      'EXCHANGE_FIELDS',
      'Les fenêtres de référence sont des montants nets sociaux, que cette habilitation ne donne pas (champ netSocial).',
    );
  }
}

/** The fields a windows answer carries, once `checkWindowsGranted` has let it through. */
export const windowsFields: readonly GrantableField[] = ['netSocial'];
