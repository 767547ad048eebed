import { shown } from '../diagnostics/diagnostic.ts';
import type { NormFamily } from '../norm/catalogue.ts';
import type { CompiledNorm } from '../norm/compile.ts';
import type { NormChoice } from './context.ts';
import type { Report } from './structure-diagnostics.ts';

/**
 * Which norm version reads an envoi: the one its header names (S10.G00.00.006), the nearest known one
 * of its family, the forced one (`--norm`), or a default; a PASRAU declaration (nature 11) is read
 * with the PASRAU norm whatever S10.G00.00.006 says. The reader waits for the norm to be loaded.
 */

export interface NormProvider {
  /** A compiled norm already loaded, or undefined. */
  get(version: string): CompiledNorm | undefined;
  /** The version a value of S10.G00.00.006 names (`P26V01`, `201710`), if known. */
  named(declared: string): string | undefined;
  familyOf(version: string): NormFamily | undefined;
  /** The known version of the family to read an unknown declared version with. */
  nearest(declared: string, family: NormFamily): string;
  latest(family: NormFamily): string;
}

export interface NormOptions {
  norms: NormProvider;
  /** Version to read every envoi with, whatever S10.G00.00.006 says (`--norm`). */
  forcedVersion?: string;
  /** Version used when an envoi does not name one. */
  defaultVersion: string;
}

/** Nature of a PASRAU declaration. */
const PASRAU_NATURE = '11';

/** What the envoi's first lines say: S10.G00.00.006 as written and its line, the nature S20.G00.05.001. */
export interface EnvoiHeader {
  declared: string | undefined;
  declaredLine: number | undefined;
  nature: string | undefined;
}

export interface ChosenNorm {
  version: string;
  choice: NormChoice;
  family: NormFamily;
  /** The family of the declared version, when it names one. */
  namedFamily: NormFamily | undefined;
}

export function chooseNorm(header: EnvoiHeader, options: NormOptions): ChosenNorm {
  const { declared, nature } = header;
  const { norms, forcedVersion, defaultVersion } = options;
  const named = declared === undefined ? undefined : norms.named(declared);
  const namedFamily = named === undefined ? undefined : norms.familyOf(named);
  const family: NormFamily = nature === PASRAU_NATURE ? 'PASRAU' : (namedFamily ?? 'DSN');
  if (forcedVersion !== undefined) return { version: forcedVersion, choice: 'forced', family, namedFamily };
  if (named !== undefined && namedFamily === family)
    return { version: named, choice: 'declared', family, namedFamily };
  if (declared !== undefined) {
    const choice = named === undefined ? 'nearest' : 'other-family';
    return { version: norms.nearest(declared, family), choice, family, namedFamily };
  }
  const version = family === 'DSN' ? defaultVersion : norms.latest(family);
  return { version, choice: 'default', family, namedFamily };
}

/** How each family names its versions in S10.G00.00.006. */
const versionShape: Record<NormFamily, RegExp> = { DSN: /^P\d{2}V\d{2}$/, PASRAU: /^\d{6}$/ };

/** Says why the envoi is not read with the version its header names (`firstLine`: the envoi's first). */
export function reportNormChoice(
  report: Report,
  chosen: ChosenNorm,
  header: EnvoiHeader,
  firstLine: number,
): void {
  const { version, choice, family, namedFamily } = chosen;
  const { declared, declaredLine, nature } = header;
  if (choice === 'other-family') {
    report('RELAIS-NORM-FAMILY', declaredLine!, {
      rubric: 'S10.G00.00.006',
      value: shown(declared!),
      message: `La version « ${shown(declared!, 20)} » est une norme ${namedFamily}, mais la déclaration est de nature ${nature} (${family}) : le fichier est contrôlé avec ${version}.`,
    });
  } else if (choice === 'nearest') {
    // A version name Relais has no tables for is not the declarant's fault; anything else is.
    const named = versionShape[family].test(declared!);
    report(named ? 'RELAIS-NORM-UNSUPPORTED' : 'RELAIS-NORM-UNKNOWN', declaredLine!, {
      rubric: 'S10.G00.00.006',
      value: shown(declared!),
      message: named
        ? `La version de norme « ${declared} » n'est pas connue de Relais ; le fichier est contrôlé avec ${version}, la plus proche.`
        : `« ${shown(declared!, 20)} » n'est pas un nom de version de norme ; le fichier est contrôlé avec ${version}.`,
    });
  } else if (choice === 'default') {
    report('RELAIS-NORM-MISSING', firstLine, {
      rubric: 'S10.G00.00.006',
      message: `La version de norme (S10.G00.00.006) n'est pas renseignée ; le fichier est contrôlé avec ${version}.`,
    });
  }
}
