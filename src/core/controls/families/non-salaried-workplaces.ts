import type { Control } from '../control.ts';
import { feeControls } from './non-salaried-workplaces/fees.ts';
import { nonSalariedControls } from './non-salaried-workplaces/non-salaried.ts';
import { pasRegularisationControls } from './non-salaried-workplaces/pas-regularisation.ts';
import { specificBaseControls } from './non-salaried-workplaces/specific-bases.ts';
import { workplaceControls } from './non-salaried-workplaces/workplace.ts';

/** Non-salariés et lieux de travail (S89.G00.32/33/35/43/91/92/93/94, S21.G00.85). */
export const nonSalariedWorkplaceControls: Control[] = [
  ...workplaceControls,
  ...feeControls,
  ...nonSalariedControls,
  ...specificBaseControls,
  ...pasRegularisationControls,
];
