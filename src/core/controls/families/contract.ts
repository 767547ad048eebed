import type { Control } from '../control.ts';
import { natureControls } from './contract/nature.ts';
import { publicServiceControls } from './contract/public-service.ts';
import { regimeControls } from './contract/regimes.ts';
import { statusControls } from './contract/status.ts';
import { unemploymentControls } from './contract/unemployment.ts';
import { workingTimeControls } from './contract/working-time.ts';

/** Contrat (S21.G00.40/45). */
export const contractControls: Control[] = [
  ...natureControls,
  ...statusControls,
  ...workingTimeControls,
  ...regimeControls,
  ...unemploymentControls,
  ...publicServiceControls,
];
