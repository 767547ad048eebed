import type { Address, Addresses, Establishment } from './company.ts';
import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { addMonths, monthsBetween, type Month } from './months.ts';
import { newPerson, type BirthPlaces, type Person } from './identity.ts';
import { executiveJobs, nonExecutiveJobs, type Job } from './occupations.ts';
import { newWithholding, withheld, type Withholding } from './pas.ts';
import type { PayModel, Payslip } from './pay.ts';
import type { Random } from './rng.ts';

export interface Contract {
  /** `01` CDI, `02` CDD. */
  nature: '01' | '02';
  number: string;
  start: string;
  /** Planned end of a fixed-term contract. */
  end?: string;
  /** S21.G00.40.021 for a fixed-term contract: 01 replacement, 02 temporary increase of activity. */
  reason?: '01' | '02';
  cadre: boolean;
  job: Job;
  weeklyHours: number;
  seniorityMonths: number;
}

export interface Employee {
  person: Person;
  address: Address;
  registration: string;
  contract: Contract;
  pay: Payslip;
  withholding: Withholding;
  tax: number;
}

export interface EmployeeContext {
  month: Month;
  establishment: Establishment;
  department: string;
  pay: PayModel;
  /** Full-time gross salaries payslips are drawn from. */
  grid: readonly number[];
  birthPlaces: BirthPlaces;
  addresses: Addresses;
  /** NIRs already given in the declaration; cleared before each pass. */
  nirs: Set<string>;
}

/**
 * Gross salaries an employee can have: 25 € steps just above the minimum wage, wider steps higher
 * up, about fifty values. Drawing from a grid keeps the number of distinct payslips small.
 */
export function salaryGrid(smic: number): number[] {
  const grid: number[] = [];
  let gross = Math.ceil(smic / 25) * 25;
  const steps: [number, number][] = [
    [25, 8],
    [50, 8],
    [100, 10],
    [250, 8],
    [500, 6],
    [1000, 5],
  ];
  grid.push(gross);
  for (const [step, count] of steps) {
    for (let i = 0; i < count; i++) grid.push((gross += step));
  }
  return grid;
}

function nearest(grid: readonly number[], target: number): number {
  let best = grid[0]!;
  for (const g of grid) if (Math.abs(g - target) < Math.abs(best - target)) best = g;
  return best;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** One employee of the establishment, the `index`-th; draws only from `rng`. */
export function newEmployee(rng: Random, ctx: EmployeeContext, index: number): Employee {
  const { month } = ctx;
  const person = newPerson(rng, month, ctx.birthPlaces);
  // A NIR appears once per declaration (S21.G00.30.001/CCH-14): on a clash, another order number.
  // Both passes meet the same clashes in the same order, so they draw the same replacements.
  while (ctx.nirs.has(person.nir)) person.nir = person.nir.slice(0, 10) + pad(rng.int(1, 999), 3);
  ctx.nirs.add(person.nir);
  const address = ctx.addresses.in(rng, ctx.department);
  const cadre = rng.chance(0.2);
  const target = cadre ? 4200 * Math.exp(rng.normal(0, 0.35)) : 2250 * Math.exp(rng.normal(0, 0.2));
  const level = nearest(ctx.grid, Math.max(cadre ? 2900 : 0, target));
  // Part time at the legal minimum of 24 hours a week: one more situation per salary, not several.
  const weeklyHours = !cadre && rng.chance(0.12) ? 24 : 35;
  const gross = Math.round((level * weeklyHours * 100) / 35) / 100;
  const job = rng.pick(cadre ? executiveJobs : nonExecutiveJobs);

  const fixedTerm = rng.chance(0.12);
  const ageMonths = (month.year - person.birthYear) * 12 + (month.month - person.birthMonth);
  // Contracts start before the declared month, so that the month is paid in full.
  let startMonth: Month;
  if (fixedTerm) {
    startMonth = addMonths(month, -rng.int(0, 5));
  } else {
    const maxSeniority = Math.max(1, ageMonths - 18 * 12);
    const seniority = Math.min(maxSeniority, 1 + Math.floor(-Math.log(1 - rng.float()) * 80));
    startMonth = addMonths(month, -seniority);
  }
  const startDay = fixedTerm || startMonth.month === month.month ? 1 : rng.int(1, 28);
  const contract: Contract = {
    nature: fixedTerm ? '02' : '01',
    number: `CT${pad(ctx.establishment.index + 1, 3)}${pad(index + 1, 7)}`,
    start: dsnDate(startMonth.year, startMonth.month, startDay),
    cadre,
    job,
    weeklyHours,
    seniorityMonths: monthsBetween(
      startMonth.year,
      startMonth.month,
      startDay,
      month.year,
      month.month,
      daysInMonth(month.year, month.month),
    ),
  };
  if (fixedTerm) {
    const end = addMonths(month, rng.int(1, 6));
    contract.end = dsnDate(end.year, end.month, daysInMonth(end.year, end.month));
    contract.reason = rng.chance(0.5) ? '01' : '02';
  }
  const pay = ctx.pay.payslip({ gross, cadre, hours: weeklyHours });
  const withholding = newWithholding(rng, pay.netTaxable);
  return {
    person,
    address,
    registration: pad(index + 1, 6),
    contract,
    pay,
    withholding,
    tax: withheld(pay.netTaxable, withholding.rate),
  };
}
