import type { Control } from '../control.ts';
import { personControls } from './individual/person.ts';
import { individualLinkControls } from './individual/links.ts';
import { relatedControls } from './individual/related.ts';
import { sharePlanControls } from './individual/share-plans.ts';

/** Individu (S21.G00.30/31/34/86/98, S89.G00.67/87/88/89). */
export const individualControls: Control[] = [
  ...personControls,
  ...relatedControls,
  ...sharePlanControls,
  ...individualLinkControls,
];
