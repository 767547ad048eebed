import type { Control } from '../control.ts';
import { activityControls } from './payments/activity.ts';
import { bonusControls } from './payments/bonus.ts';
import { otherIncomeControls } from './payments/other-income.ts';
import { paymentBlockControls } from './payments/payment.ts';
import { remunerationControls } from './payments/remuneration.ts';

/** Versements et rémunérations (S21.G00.50/51/52/53/54/59). */
export const paymentControls: Control[] = [
  ...paymentBlockControls,
  ...remunerationControls,
  ...activityControls,
  ...bonusControls,
  ...otherIncomeControls,
];
