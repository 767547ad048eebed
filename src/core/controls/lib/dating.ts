import type { Block } from '../../parse/tree.ts';
import type { Control, ControlContext } from '../control.ts';
import { declaredMonth } from './declaration.ts';
import { notAfter } from './periods.ts';
import type { Condition } from './rules.ts';
import { dateKey } from '../../values/calendar.ts';

/**
 * The dating rules of the cahier technique that many controls only cite: §4.4.12 ("datation dans
 * une DSN mensuelle": a date is not after the last day of the declared month S20.G00.05.005) and
 * §4.4.13 ("datation dans une DSN événementielle": a date is not after the file date
 * S20.G00.05.007). The paragraphs themselves are not in the norm workbooks; what they require is
 * read from the official messages of the controls that cite them.
 */

/** Nature 01: the only nature the norm calls "DSN mensuelle". */
const monthly = '01';
/** Natures that are not event reports: the monthly DSN and its substitute. */
const notEvents = new Set(['01', '09']);

// Every unit of a declaration asks for the same two dates: read them once per declaration.
let cachedFor: Block | undefined;
let cachedMonthStart: number | null = null;
let cachedMonthEnd: number | null = null;
let cachedFileDate: number | null = null;

function refresh(ctx: ControlContext): void {
  const node = ctx.declaration?.node;
  if (node === cachedFor) return;
  cachedFor = node;
  const month = declaredMonth(ctx);
  cachedMonthStart = month?.first ?? null;
  cachedMonthEnd = month?.last ?? null;
  cachedFileDate = dateKey(node?.value(7));
}

/** First day of the declared month (S20.G00.05.005) as `AAAAMMJJ`; null when unreadable. */
export function declaredMonthStart(ctx: ControlContext): number | null {
  refresh(ctx);
  return cachedMonthStart;
}

/** Last day of the declared month (S20.G00.05.005) as `AAAAMMJJ`; null when unreadable. */
export function declaredMonthEnd(ctx: ControlContext): number | null {
  refresh(ctx);
  return cachedMonthEnd;
}

/** Date the file was made (S20.G00.05.007) as `AAAAMMJJ`; null when unreadable. */
export function fileDate(ctx: ControlContext): number | null {
  refresh(ctx);
  return cachedFileDate;
}

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message'> & {
  /** Further condition of the control ("ne s'applique que si le type est…"). */
  when?: Condition;
};

/** §4.4.12: in a DSN mensuelle, the control's date is not after the last day of the declared month. */
export function notAfterDeclaredMonth(id: string, extra: Extra = {}): Control {
  return notAfter(id, (_, ctx) => (ctx.nature === monthly ? declaredMonthEnd(ctx) : null), extra);
}

/** §4.4.13: in an event report (signalement), the control's date is not after the file date. */
export function notAfterFileDate(id: string, extra: Extra = {}): Control {
  return notAfter(
    id,
    (_, ctx) => (ctx.nature !== undefined && !notEvents.has(ctx.nature) ? fileDate(ctx) : null),
    extra,
  );
}
