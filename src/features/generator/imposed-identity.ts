import { isValidSiren, isValidSiret } from '../../core/identifiers/check-digits.ts';

/**
 * The identity a file is asked to carry (`--siren`, `--siret`), so that it can be deposited under
 * an existing declarant. The SIRET, when given, is the head office's; its SIREN is the file's.
 */
export interface ImposedIdentity {
  siren?: string;
  siret?: string;
}

/** Why `--siren` or `--siret` cannot be used, in French (naming the option), or null. */
export function identityProblem({ siren, siret }: ImposedIdentity): string | null {
  if (siren !== undefined) {
    if (!/^\d{9}$/.test(siren)) return `--siren attend un SIREN de 9 chiffres, pas « ${siren} ».`;
    if (!isValidSiren(siren)) return `--siren : la clé du SIREN ${siren} est fausse (contrôle de Luhn).`;
  }
  if (siret !== undefined) {
    if (!/^\d{14}$/.test(siret))
      return `--siret attend un SIRET de 14 chiffres (SIREN puis NIC), pas « ${siret} ».`;
    if (!isValidSiren(siret.slice(0, 9)))
      return `--siret : la clé du SIREN ${siret.slice(0, 9)} (9 premiers chiffres de ${siret}) est fausse (contrôle de Luhn).`;
    if (!isValidSiret(siret)) return `--siret : la clé du SIRET ${siret} est fausse (contrôle de Luhn).`;
    if (siren !== undefined && !siret.startsWith(siren))
      return `--siret ${siret} n'appartient pas au SIREN ${siren} donné par --siren.`;
  }
  return null;
}

/** The SIREN an imposed identity gives the file, if any. */
export function imposedSiren(identity: ImposedIdentity): string | undefined {
  return identity.siret?.slice(0, 9) ?? identity.siren;
}
