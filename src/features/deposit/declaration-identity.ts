import { establishmentOf } from '../../core/check/places.ts';
import type { Declaration } from '../../core/parse/context.ts';
import { isoDate } from '../../core/values/calendar.ts';

/** What the platform knows a declaration by, read from its context (S20, S21.G00.06, S21.G00.11). */
export interface DeclarationIdentity {
  /** 1-based rank of the declaration in the file. */
  position: number;
  siren: string | null;
  nic: string | null;
  siret: string | null;
  nature: string | null;
  type: string | null;
  fraction: string | null;
  orderNumber: string | null;
  /** `YYYY-MM-01` of the main declared month (S20.G00.05.005), when readable. */
  month: string | null;
  /** S20.G00.05.007 (JJMMAAAA) followed by S20.G00.05.004: what a later S20.G00.05.006 names. */
  identifier: string | null;
  /** S20.G00.05.006 as written: the declaration this one cancels or replaces. */
  replaces: string | null;
  /** Line of S20.G00.05.006, for the report. */
  replacesLine: number | null;
  /** S21.G00.06.009 (average headcount), up to P25V01. */
  declaredHeadcount: number | null;
  norm: string;
  firstLine: number;
}

export function identityOf(declaration: Declaration): DeclarationIdentity {
  const node = declaration.node;
  const company = node.first('S21.G00.06');
  const { siren, nic, siret } = establishmentOf(node);
  const month = isoDate(node.value(5));
  const fileDate = node.value(7);
  const orderNumber = node.value(4) ?? null;
  const headcount = company?.value(9);
  const replaces = node.rubric(6);
  return {
    position: declaration.index,
    siren,
    nic,
    siret,
    nature: node.value(1) ?? null,
    type: node.value(2) ?? null,
    fraction: node.value(3) ?? null,
    orderNumber,
    month: month !== null ? `${month.slice(0, 8)}01` : null,
    identifier:
      fileDate !== undefined &&
      isoDate(fileDate) !== null &&
      orderNumber !== null &&
      /^\d+$/.test(orderNumber)
        ? fileDate + orderNumber
        : null,
    replaces: replaces?.value ?? null,
    replacesLine: replaces?.line ?? null,
    declaredHeadcount: headcount !== undefined && /^\d{1,9}$/.test(headcount) ? Number(headcount) : null,
    norm: declaration.norm.version,
    firstLine: node.line,
  };
}

/**
 * Monthly DSN (01) and PASRAU (11): one current declaration per establishment, month and fraction,
 * replaced by that identity (their norms have no S20.G00.05.006 for it).
 */
export const monthlyNatures = new Set(['01', '11']);
