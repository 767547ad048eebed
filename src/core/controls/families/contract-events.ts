import type { Control } from '../control.ts';
import { changeControls } from './contract-events/changes.ts';
import { endControls } from './contract-events/ends.ts';
import { noticeControls } from './contract-events/notices.ts';
import { stoppageControls } from './contract-events/stoppages.ts';
import { suspensionControls } from './contract-events/suspensions.ts';

/** Changements de contrat, arrêts, fins, suspensions (S21.G00.41/60/62/63/65/66/75). */
export const contractEventControls: Control[] = [
  ...changeControls,
  ...stoppageControls,
  ...endControls,
  ...noticeControls,
  ...suspensionControls,
];
