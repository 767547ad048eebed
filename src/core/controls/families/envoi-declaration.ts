import type { Control } from '../control.ts';
import { companyControls } from './envoi-declaration/company.ts';
import { declarationControls } from './envoi-declaration/declaration.ts';
import { envoiControls } from './envoi-declaration/envoi.ts';

/** Envoi, déclaration, entreprise, établissement (S10, S20, S21.G00.06/11/12/13/44). */
export const envoiDeclarationControls: Control[] = [
  ...envoiControls,
  ...declarationControls,
  ...companyControls,
];
