import type { Control } from '../control.ts';
import { delegateControls } from './reference-tables/delegates.ts';
import { publicTableControls } from './reference-tables/public.ts';
import { suppliedTableControls } from './reference-tables/supplied.ts';

/**
 * Contrôles de tables de référence : les CRE et les CCH qui vérifient une valeur dans une table
 * (délégataires de gestion). Tables livrées : `public.ts` ; tables à fournir : `supplied.ts`.
 */
export const referenceTableControls: Control[] = [
  ...publicTableControls,
  ...suppliedTableControls,
  ...delegateControls,
];
