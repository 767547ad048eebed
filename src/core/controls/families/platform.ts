import type { Control } from '../control.ts';

/**
 * Controls that belong to another actor than the declarant's self-check: the receiving bodies'
 * checks against the SIRENE register (CME), the deposit platform's (CID), the machine-to-machine
 * channel's (CST), and the rules of the cahier technique's editorial chapter, whose text is not in
 * the published tables. In a self-check they are `not-applicable`; the deposit service, which knows
 * the channel and the declarations it certified, runs the CST and CID ones through
 * {@link depositControls}.
 */

const sirene =
  'Contrôle des organismes destinataires sur l’état du SIREN ou du SIRET au répertoire SIRENE de l’INSEE, ' +
  'que l’auto-contrôle ne consulte pas.';

const registerControls: Control[] = [
  'S21.G00.06.001/CME-11',
  'S21.G00.11.001/CME-11',
  'S21.G00.85.001/CME-11',
  'S89.G00.32.005/CME-11',
].map((id) => ({ id, status: 'not-applicable', reason: sirene }));

/**
 * The editorial rules (contract numbers, addresses, e-mail, identities) were searched for in every
 * public corpus reachable (code, pages, documentation, issues); no source states them.
 */
const editorial = 'Règle de l’éditorial du cahier technique, absente des tables publiées.';

const editorialControls: Control[] = [
  'S21.G00.30.007/CSL-11',
  'S21.G00.30.018/CSL-11',
  'S21.G00.34.002/CSL-11',
  'S21.G00.40.009/CSL-11',
  'S21.G00.51.010/CSL-11',
  'S21.G00.52.006/CSL-11',
  'S21.G00.54.005/CSL-14',
  'S21.G00.59.006/CSL-11',
  'S21.G00.86.005/CSL-11',
  'S89.G00.32.002/CSL-11',
].map((id) => ({ id, status: 'not-applicable', reason: editorial }));

/** S20.G00.05.006/CID-11, run by the deposit platform (`features/deposit/lifecycle.ts`) and here. */
export const knownDeclarationId = 'S20.G00.05.006/CID-11';

/** Types of declaration that cancel an earlier one (S20.G00.05.002): 03, 04 and 05. */
const cancelling = new Set(['03', '04', '05']);

/** True when a declaration of this type cancels (and may replace) an earlier one. */
export function cancelsEarlier(type: string | undefined): boolean {
  return type !== undefined && cancelling.has(type);
}

/**
 * S20.G00.05.006/CID-11: a declaration of type 03 (annule et remplace intégral), 04 (annule) or
 * 05 (annule et remplace sans individu) must cancel a declaration the platform certified: the
 * identifier it names must be known to the receiving platform. True when the rule holds (other
 * types, or no identifier: the presence of the rubric is another control's business).
 */
export function cancelsKnownDeclaration(
  type: string | undefined,
  identifier: string | undefined,
  known: (identifier: string) => boolean,
): boolean {
  if (!cancelsEarlier(type) || identifier === undefined) return true;
  return known(identifier);
}

/** CID-11 as the deposit platform runs it, with its record of certified declarations. */
export function knownDeclarationControl(known: (identifier: string) => boolean): Control {
  return {
    id: knownDeclarationId,
    check(declaration, ctx) {
      const identifier = declaration.rubric(6);
      if (identifier === undefined) return;
      if (!cancelsKnownDeclaration(declaration.value(2), identifier.value, known)) ctx.fail(identifier);
    },
  };
}

const cst11 = 'S20.G00.05.001/CST-11';

/** How the envoi reaches the platform: only the deposit service knows it. */
export type Channel = 'machine-to-machine' | 'upload';

/**
 * S20.G00.05.001/CST-11: sent machine to machine, an envoi holds one and only one declaration.
 * Each declaration after the first of its envoi is reported on its nature (declarations are read
 * in order, so when the n-th ends the envoi has counted n).
 */
export const singleDeclarationControl: Control = {
  id: cst11,
  check(declaration, ctx) {
    if (ctx.envoi.declarations > 1) ctx.fail(declaration.rubric(1) ?? declaration);
  },
};

const platformOnly: Control[] = [
  {
    id: knownDeclarationId,
    status: 'not-applicable',
    reason:
      'Contrôle fait au dépôt : la plateforme vérifie que la déclaration annulée ou remplacée est une déclaration ' +
      'qu’elle a certifiée (voir depositControls).',
  },
  {
    id: cst11,
    status: 'not-applicable',
    reason:
      'Ne s’applique qu’aux envois transmis en machine to machine, canal que le fichier ne dit pas : ' +
      'le service de dépôt l’exécute quand il connaît le canal (voir depositControls).',
  },
];

/** What the deposit service knows and a self-check does not. */
export interface DepositContext {
  channel?: Channel;
  /** Whether a declaration identifier (S20.G00.05.006) names a declaration the platform certified. */
  isCertified?: (identifier: string) => boolean;
}

/**
 * The controls to run at deposit: `base` (the registry) with CST-11 and CID-11 made runnable from
 * what the deposit service knows. CST-11 runs only for the machine-to-machine channel.
 */
export function depositControls(base: readonly Control[], deposit: DepositContext): Control[] {
  const runnable = new Map<string, Control>();
  if (deposit.channel === 'machine-to-machine') runnable.set(cst11, singleDeclarationControl);
  if (deposit.isCertified) runnable.set(knownDeclarationId, knownDeclarationControl(deposit.isCertified));
  return [...base.filter((c) => !runnable.has(c.id)), ...runnable.values()];
}

/** Contrôles des autres acteurs (CST, CID, CME) et règles de l'éditorial. */
export const platformControls: Control[] = [...registerControls, ...platformOnly, ...editorialControls];
