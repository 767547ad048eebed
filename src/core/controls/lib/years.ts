import type { Control, ControlContext } from '../control.ts';
import { dateKey } from '../../values/calendar.ts';
import { valueRule } from './rules.ts';

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message'>;

const yearOnly = /^\d{4}$/;
const dayMonthYear = /^\d{4}(\d{4})$/;

/** Year of the declared month (S20.G00.05.005), or null when it cannot be read. */
export function declaredYear(ctx: ControlContext): number | null {
  const key = dateKey(ctx.declaration?.node.value(5));
  return key === null ? null : Math.floor(key / 10000);
}

/** Year of a `JJMMAAAA` value whose day or month may be unknown (`99`, `00`); null otherwise. */
export function yearOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = dayMonthYear.exec(value);
  return m === null ? null : Number(m[1]);
}

/**
 * "L'année déclarée doit être inférieure ou égale aux quatre derniers caractères (Année) du mois
 * principal déclaré" on a rubric holding a year (`AAAA`).
 */
export function yearNotAfterDeclaredMonth(id: string, extra: Extra = {}): Control {
  return valueRule(
    id,
    (value, _, ctx) => {
      const declared = declaredYear(ctx);
      return yearOnly.test(value) && declared !== null && Number(value) > declared;
    },
    extra,
  );
}

/**
 * "L'année de la date de naissance doit être inférieure ou égale à l'année en cours et supérieure
 * à l'année en cours moins 120 (années)": the current year is `ctx.today`'s.
 */
export function birthYearPlausible(id: string, extra: Extra = {}): Control {
  return valueRule(
    id,
    (value, _, ctx) => {
      const year = yearOf(value);
      const current = Math.floor(ctx.today / 10000);
      return year !== null && (year > current || year <= current - 120);
    },
    extra,
  );
}
