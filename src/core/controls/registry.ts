import type { Control } from './control.ts';
import { calendarControls } from './families/calendar.ts';
import { contractEventControls } from './families/contract-events.ts';
import { contractControls } from './families/contract.ts';
import { contributionControls } from './families/contributions.ts';
import { envoiDeclarationControls } from './families/envoi-declaration.ts';
import { individualControls } from './families/individual.ts';
import { keyControls } from './families/identifier-keys.ts';
import { nonSalariedWorkplaceControls } from './families/non-salaried-workplaces.ts';
import { paymentControls } from './families/payments.ts';
import { platformControls } from './families/platform.ts';
import { providentPensionControls } from './families/provident-pension.ts';
import { referenceTableControls } from './families/reference-tables.ts';

/** Every official control Relais implements, whatever the version; each knows where it applies. */
export const controls: readonly Control[] = [
  ...keyControls,
  ...calendarControls,
  ...envoiDeclarationControls,
  ...individualControls,
  ...contractControls,
  ...contractEventControls,
  ...paymentControls,
  ...contributionControls,
  ...providentPensionControls,
  ...nonSalariedWorkplaceControls,
  ...referenceTableControls,
  ...platformControls,
];
