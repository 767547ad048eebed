import type { Diagnostic } from '../../core/diagnostics/diagnostic.ts';
import { codeInfo, type RelaisCode } from '../../core/diagnostics/codes.ts';
import { knownDeclarationId } from '../../core/controls/families/platform.ts';
import { compiledNorm } from '../../core/norm/provider.ts';
import type { DeclarationIdentity } from './declaration-identity.ts';

/**
 * The rules only the deposit platform can apply, because they need what it has already received.
 *
 * S20.G00.05.006/CID-11 is the norm's: its id and message come from the norm version the
 * declaration was read with, and its id and the types of declaration it concerns from
 * `controls/families/platform.ts` (`knownDeclarationId`, `cancelsEarlier`), which keeps it
 * `not-applicable` in a self-check. There it is also a control run during the streamed check with a
 * synchronous `isCertified` callback (`depositControls`); the intake does not run it that way:
 * whether the named declaration is certified must be read from the database after the advisory
 * lock of its establishment and month is taken, at the end of the read, or an annule-et-remplace
 * racing its original could see a stale answer. It also applies to monthly declarations, which the
 * norm identifies by establishment, month and fraction (S20.G00.05.006 is forbidden in nature 01).
 */
export async function replacementUnknown(identity: DeclarationIdentity, detail: string): Promise<Diagnostic> {
  const norm = await compiledNorm(identity.norm);
  const official = norm.messages.get(knownDeclarationId);
  const message =
    official?.message ??
    'Une déclaration de type "03 - déclaration annule et remplace intégral", "04 - déclaration annule" ou "05 - annule et remplace sans individu" devra annuler une déclaration ayant fait l\'objet d\'un certificat de déclaration.';
  const diagnostic: Diagnostic = {
    code: knownDeclarationId,
    severity: 'blocking',
    line: identity.replacesLine ?? identity.firstLine,
    rubric: 'S20.G00.05.006',
    message: `${message} (${detail})`,
    hint: official?.description ? `Règle : ${official.description}` : undefined,
    declaration: identity.position,
  };
  if (identity.replaces !== null) diagnostic.value = identity.replaces;
  if (diagnostic.hint === undefined) delete diagnostic.hint;
  return diagnostic;
}

export function platformDiagnostic(
  code: Extract<RelaisCode, `RELAIS-DEPOSIT-${string}`>,
  identity: DeclarationIdentity,
  message: string,
): Diagnostic {
  return {
    code,
    severity: codeInfo(code).severity,
    line: identity.firstLine,
    block: 'S20.G00.05',
    message,
    hint: codeInfo(code).hint,
    declaration: identity.position,
  };
}
