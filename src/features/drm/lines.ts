import type { Block } from '../../core/parse/tree.ts';
import { isoDate } from '../../core/values/calendar.ts';
import { isDecimal } from '../../core/values/decimal.ts';
import { CopyBuffer } from '../../platform/store/copy-buffer.ts';
import { sumDecimals } from './decimal.ts';
import type { KindCode, SourceCode } from './labels.ts';
import { declaredNir } from './nir.ts';

/**
 * Resource lines: one per person and payment (S21.G00.50), derived while the ingestion streams each
 * individual, written in the same COPY batches as the declaration's other rows.
 */

export interface DerivedLine {
  /** First line of the S21.G00.50 block. */
  line: number;
  /** `AAAA-MM-JJ`. */
  paymentDate: string;
  /** `AAAA-MM-01`. */
  month: string;
  netTaxable: string | null;
  netPaid: string | null;
  netSocial: string | null;
  gross: string | null;
  pasAmount: string | null;
  /** Income class of a PASRAU payment (S21.G00.50.014); DSN payments have none. */
  incomeClass: string | null;
}

export interface Person {
  kind: 'nir' | 'ntt';
  id: string;
  line: number;
}

/** Who the lines are about: the NIR when well-formed, else the temporary id, else nobody. */
export function personOf(unit: Block): Person | null {
  const nir = declaredNir(unit.value(1));
  if (nir !== null) return { kind: 'nir', id: nir, line: unit.line };
  const ntt = unit.value(20)?.trim();
  return ntt ? { kind: 'ntt', id: ntt, line: unit.line } : null;
}

const amount = (value: string | undefined) => (value !== undefined && isDecimal(value) ? value : null);

interface Open {
  block: Block;
  gross: string[];
  netSocial: string[];
  /** A component amount was unreadable: its sum is unknown, not smaller. */
  grossBroken: boolean;
  netSocialBroken: boolean;
}

/**
 * The payments of one individual (S21.G00.30 and its subtree). A payment without a calendar
 * payment date gives no line: its declaration fails the datatype check and keeps no row anyway.
 */
export function deriveLines(unit: Block): DerivedLine[] {
  const out: DerivedLine[] = [];
  let open: Open | null = null;
  const close = () => {
    if (open === null) return;
    const { block } = open;
    const iso = isoDate(block.value(1));
    if (iso !== null) {
      out.push({
        line: block.line,
        paymentDate: iso,
        month: `${iso.slice(0, 8)}01`,
        netTaxable: amount(block.value(2)),
        netPaid: amount(block.value(4)),
        netSocial: open.netSocialBroken ? null : sumDecimals(open.netSocial),
        gross: open.grossBroken ? null : sumDecimals(open.gross),
        pasAmount: amount(block.value(9)),
        incomeClass: block.value(14)?.trim() || null,
      });
    }
    open = null;
  };
  // In file order, as the row builder links blocks: 51 and 58 belong to the payment before them.
  const walk = (block: Block) => {
    const id = block.id;
    if (id === 'S21.G00.50') {
      close();
      open = { block, gross: [], netSocial: [], grossBroken: false, netSocialBroken: false };
    } else if (open !== null && id === 'S21.G00.51' && block.value(11) === '001') {
      const value = amount(block.value(13));
      if (value === null) open.grossBroken = true;
      else open.gross.push(value);
    } else if (open !== null && id === 'S21.G00.58' && block.value(3) === '03') {
      const value = amount(block.value(4));
      if (value === null) open.netSocialBroken = true;
      else open.netSocial.push(value);
    }
    const children = block.children;
    for (let i = 0; i < children.length; i++) walk(children[i]!);
  };
  walk(unit);
  close();
  return out;
}

const lineColumns = [
  'declaration_key',
  'line',
  'individual_line',
  'month',
  'payment_date',
  'payer_siret',
  'source',
  'kind',
  'net_taxable',
  'net_paid',
  'net_social',
  'gross',
  'pas_amount',
  'income_class',
] as const;

/** COPY tables of the DRM, after the intake's (see `rowTables`). */
export const resourceTables = [
  { table: 'resource_line', columns: ['nir', ...lineColumns] },
  { table: 'resource_line_ntt', columns: ['ntt', ...lineColumns] },
] as const;

export interface LineContext {
  /** The declaration's key, as text. */
  key: string;
  payerSiret: string;
  source: SourceCode;
  kind: KindCode;
}

/** Writes the lines of one person; `nir` and `ntt` are the two tables' buffers. */
export function writeLines(
  person: Person,
  lines: readonly DerivedLine[],
  context: LineContext,
  nir: CopyBuffer,
  ntt: CopyBuffer,
): void {
  const out = person.kind === 'nir' ? nir : ntt;
  for (const l of lines) {
    out.text(person.id);
    out.tab();
    out.ascii(context.key);
    out.tab();
    out.int(l.line);
    out.tab();
    out.int(person.line);
    out.tab();
    out.ascii(l.month);
    out.tab();
    out.ascii(l.paymentDate);
    out.tab();
    out.ascii(context.payerSiret);
    out.tab();
    out.ascii(context.source);
    out.tab();
    out.ascii(context.kind);
    for (const value of [l.netTaxable, l.netPaid, l.netSocial, l.gross, l.pasAmount]) {
      out.tab();
      if (value === null) out.nul();
      else out.ascii(value);
    }
    out.tab();
    if (l.incomeClass === null) out.nul();
    else out.text(l.incomeClass);
    out.endRow();
  }
}
