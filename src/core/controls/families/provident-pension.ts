import type { Control } from '../control.ts';
import { adhesionControls } from './provident-pension/adhesions.ts';
import { affiliationControls } from './provident-pension/affiliations.ts';
import { paymentControls } from './provident-pension/payments.ts';
import { slipControls } from './provident-pension/slips.ts';

/** Prévoyance, retraite complémentaire, versements aux organismes (S21.G00.15/16/70/71/72/73/20/55/22/23). */
export const providentPensionControls: Control[] = [
  ...adhesionControls,
  ...paymentControls,
  ...slipControls,
  ...affiliationControls,
];
