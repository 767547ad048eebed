import type { Block } from '../../parse/tree.ts';
import { numberOf, type Control, type ControlContext } from '../control.ts';
import { declaredMonth } from './declaration.ts';
import { blockRun, ref, requirementsOf, requiring, type Condition } from './rules.ts';
import { dateKey, monthBounds } from '../../values/calendar.ts';
import { addDays } from '../../values/day-numbers.ts';

/**
 * The builders of date rules, for every family: a date not before or not after another one (an end
 * not before its start), two dates in the same month or year, a date not after the declared month
 * (or the next one), an "identifiant du CRM" only for a period before the declared month. Dates that
 * cannot be read are the datatype check's business: these rules stay silent on them.
 */

/** The date a rule compares with, as `AAAAMMJJ`; null when it is absent or cannot be read. */
export type DateBound = (block: Block, ctx: ControlContext) => number | null;

/** The date of a rubric found as {@link ref} finds it (the block, an ancestor, the declaration). */
export function dateAt(rubricId: string): DateBound {
  const read = ref(rubricId);
  return (block, ctx) => dateKey(read(block, ctx));
}

type Extra = Pick<
  Control,
  'examples' | 'versions' | 'block' | 'message' | 'tables' | 'status' | 'reason' | 'requires'
> & {
  /** The rule applies only when this holds. */
  when?: Condition;
};

/** A comparison with a bound: `strict` makes equal dates wrong too ("strictement supérieure"). */
type Comparison = Extra & { strict?: boolean };

function split(extra: Extra): { when: Condition | undefined; rest: Omit<Extra, 'when'> } {
  const { when, ...rest } = extra;
  return { when, rest };
}

/** The control's date rubric is wrong when `wrong(date, block, ctx)` holds (`date` as `AAAAMMJJ`). */
export function dateRule(
  id: string,
  wrong: (date: number, block: Block, ctx: ControlContext) => boolean,
  extra: Extra = {},
): Control {
  const number = numberOf(id);
  const { when, rest } = split(extra);
  return {
    id,
    ...rest,
    ...requiring([{ rubric: number }, ...requirementsOf(when, blockRun(id, rest.block))], rest),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric === undefined) return;
      const date = dateKey(rubric.value);
      if (date === null || (when !== undefined && !when(block, ctx))) return;
      if (wrong(date, block, ctx)) ctx.fail(rubric);
    },
  };
}

/** The date is on or after `min` ("doit être supérieure ou égale à"; `strict`: "supérieure à"). */
export function notBefore(id: string, min: DateBound, { strict, ...extra }: Comparison = {}): Control {
  return dateRule(
    id,
    (date, block, ctx) => {
      const bound = min(block, ctx);
      return bound !== null && (strict ? date <= bound : date < bound);
    },
    extra,
  );
}

/** The date is on or before `max` ("doit être inférieure ou égale à"; `strict`: "inférieure à"). */
export function notAfter(id: string, max: DateBound, { strict, ...extra }: Comparison = {}): Control {
  return dateRule(
    id,
    (date, block, ctx) => {
      const bound = max(block, ctx);
      return bound !== null && (strict ? date >= bound : date > bound);
    },
    extra,
  );
}

const yearOf = (key: number) => Math.floor(key / 10000);
const monthOf = (key: number) => Math.floor(key / 100);

/** The date is in the same calendar year as `other`. */
export function sameYearAs(id: string, other: DateBound, extra: Extra = {}): Control {
  return dateRule(
    id,
    (date, block, ctx) => {
      const o = other(block, ctx);
      return o !== null && yearOf(o) !== yearOf(date);
    },
    extra,
  );
}

/** The date is in the same calendar month as `other`. */
export function sameMonthAs(id: string, other: DateBound, extra: Extra = {}): Control {
  return dateRule(
    id,
    (date, block, ctx) => {
      const o = other(block, ctx);
      return o !== null && monthOf(o) !== monthOf(date);
    },
    extra,
  );
}

interface Months {
  /** First and last day of the declared month (S20.G00.05.005), as `AAAAMMJJ`. */
  first: number;
  last: number;
  /** Last day of the month after it. */
  followingLast: number;
}

// Every unit of a declaration asks for the same bounds: compute them once per declaration.
let cachedFor: Block | undefined;
let cached: Months | null = null;

/** The declared month's bounds, or null when S20.G00.05.005 cannot be read. */
export function declaredMonths(ctx: ControlContext): Months | null {
  const node = ctx.declaration?.node;
  if (node !== cachedFor) {
    cachedFor = node;
    const month = declaredMonth(ctx);
    cached =
      month === null
        ? null
        : { first: month.first, last: month.last, followingLast: monthBounds(addDays(month.last, 1)).last };
  }
  return cached;
}

/** Last day of the month that follows the declared month (S20.G00.05.005); null if unreadable. */
export function lastDayOfFollowingMonth(ctx: ControlContext): number | null {
  return declaredMonths(ctx)?.followingLast ?? null;
}

/**
 * "Cette date doit être inférieure ou égale au dernier jour civil du mois principal déclaré", stated
 * by the control itself and so for every nature (`dating.ts` has the §4.4.12 rule, monthly DSN only).
 */
export function upToDeclaredMonth(id: string, extra: Extra = {}): Control {
  return dateRule(
    id,
    (date, _, ctx) => {
      const month = declaredMonths(ctx);
      return month !== null && date > month.last;
    },
    extra,
  );
}

/** "… inférieure ou égale au dernier jour civil du mois suivant le mois principal déclaré." */
export function upToFollowingMonth(id: string, extra: Extra = {}): Control {
  return dateRule(
    id,
    (date, _, ctx) => {
      const last = lastDayOfFollowingMonth(ctx);
      return last !== null && date > last;
    },
    extra,
  );
}

/** "… inférieure au premier jour du mois principal déclaré." */
export function beforeDeclaredMonth(id: string, extra: Extra = {}): Control {
  return dateRule(
    id,
    (date, _, ctx) => {
      const month = declaredMonths(ctx);
      return month !== null && date >= month.first;
    },
    extra,
  );
}

/**
 * "La rubrique Identifiant du CRM à l'origine de la régularisation ne peut être renseignée que pour
 * une période de rattachement (start et end) inférieure au mois principal déclaré": both dates of
 * the period are before the first day of the declared month, otherwise the rubric is forbidden.
 */
export function crmOnlyForPastPeriod(
  id: string,
  start: DateBound,
  end: DateBound,
  extra: Extra = {},
): Control {
  const number = numberOf(id);
  const { when, rest } = split(extra);
  return {
    id,
    ...rest,
    ...requiring([{ rubric: number }, ...requirementsOf(when, blockRun(id, rest.block))], rest),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric === undefined || (when !== undefined && !when(block, ctx))) return;
      const month = declaredMonths(ctx);
      const from = start(block, ctx);
      const to = end(block, ctx);
      if (month === null || from === null || to === null) return;
      if (from >= month.first || to >= month.first) ctx.fail(rubric);
    },
  };
}
