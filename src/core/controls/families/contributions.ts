import type { Control } from '../control.ts';
import { baseControls } from './contributions/bases.ts';
import { componentControls } from './contributions/components.ts';
import { establishmentContributionControls } from './contributions/establishment-contributions.ts';
import { individualContributionControls } from './contributions/individual-contributions.ts';
import { netControls } from './contributions/net.ts';
import { pasControls } from './contributions/pas.ts';
import { wrongfulAffiliationControls } from './contributions/wrongful-affiliation.ts';

/** PAS, revenus nets, bases et cotisations (S21.G00.56/58/78/79/81/82/83/84/95). */
export const contributionControls: Control[] = [
  ...pasControls,
  ...netControls,
  ...baseControls,
  ...componentControls,
  ...individualContributionControls,
  ...establishmentContributionControls,
  ...wrongfulAffiliationControls,
];
